package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.config.Config;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.http.Json;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.NodeClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox and the delivery worker on the real server (SQLite), against real receivers on
 * loopback: signed as Standard Webhooks says (checked by its reference library), retried with the
 * same webhook-id, and an endpoint that never answers well is disabled with an event.
 */
class WebhookDeliveryTest {
    static final Path NODE = Path.of("src/test/node/standardwebhooks");
    static final Duration WAIT = Duration.ofSeconds(15);
    static TestServer server;
    static Webhooks webhooks;
    static ApiKeyFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        NodeClient.install(NODE, "standardwebhooks");
        server = TestServer.start(testConfig(TestServer.configFor(TestDatabases.fresh(Db.SQLITE))));
        webhooks = server.portcullis().core().webhooks();
        fixture = new ApiKeyFixture(server.portcullis().database());
    }

    /** Loopback receivers allowed; retries after 200 ms and 400 ms; a one-second time-out. */
    static Config testConfig(Config config) {
        return config.withEvents(new Config.Events(Duration.ofDays(90), true,
                List.of(Duration.ofMillis(200), Duration.ofMillis(400)), Duration.ofSeconds(1), Set.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Webhooks.Created endpoint(Receiver receiver, Optional<String> workspace, String... types) {
        return webhooks.create(Actor.system(), workspace, new Webhooks.Draft(receiver.url("/hook"), List.of(types), null));
    }

    static String record(String workspaceId, EventType type) {
        return server.portcullis().core().events().record(EventDraft.of(type, Actor.user("user-1", Actor.Origin.of("203.0.113.7", "test")))
                .inWorkspace(workspaceId).about("app", "app-1").with("scopes", List.of("task:read"))).orElseThrow().id();
    }

    @Test
    void aDeliveryIsSignedAsStandardWebhooksSaysAndTheReferenceLibraryVerifiesIt() throws Exception {
        var ws = fixture.workspace("wh-sign");
        try (Receiver receiver = Receiver.accepting()) {
            var created = endpoint(receiver, Optional.of(ws.id()), "app.created");
            String eventId = record(ws.id(), EventType.APP_CREATED);

            Receiver.Received got = receiver.next(WAIT);
            assertTrue(got.webhookId().startsWith("msg_"));
            assertTrue(got.contentType().startsWith("application/json"));
            JsonNode body = Json.MAPPER.readTree(got.body());
            assertEquals(eventId, body.path("id").asText());
            assertEquals("app.created", body.path("type").asText());
            assertEquals(ws.id(), body.path("workspace_id").asText());
            assertEquals("user", body.path("actor").path("type").asText());
            assertEquals("203.0.113.7", body.path("actor").path("ip_address").asText());
            assertEquals("app", body.path("target").path("type").asText());
            assertEquals("task:read", body.path("data").path("scopes").path(0).asText());
            assertTrue(body.path("occurred_at").asText().endsWith("Z"));

            try (NodeClient node = NodeClient.start(NODE, "verify.mjs")) {
                node.line();
                node.answer(Json.MAPPER.writeValueAsString(Map.of("secret", created.secret().reveal(), "headers", got.headers(),
                        "body", got.body())));
                JsonNode verdict = node.line();
                assertTrue(verdict.path("ok").asBoolean(), verdict.toString());
                // A tampered body and another secret are refused by the same library: the check can fail.
                node.answer(Json.MAPPER.writeValueAsString(Map.of("secret", created.secret().reveal(), "headers", got.headers(),
                        "body", got.body().replace("app.created", "app.deleted"))));
                assertFalse(node.line().path("ok").asBoolean());
                node.answer(Json.MAPPER.writeValueAsString(Map.of("secret", WebhookSecret.generate(new java.security.SecureRandom()).reveal(),
                        "headers", got.headers(), "body", got.body())));
                assertFalse(node.line().path("ok").asBoolean());
            }
        }
    }

    @Test
    void afterARotationBothSecretsSignAndEachVerifiesAlone() throws Exception {
        var ws = fixture.workspace("wh-rotate");
        try (Receiver receiver = Receiver.accepting(); NodeClient node = NodeClient.start(NODE, "verify.mjs")) {
            node.line();
            var created = endpoint(receiver, Optional.of(ws.id()), "*");
            receiver.next(WAIT); // its own webhook_endpoint.created
            WebhookSecret fresh = webhooks.rotateSecret(Actor.system(), Webhooks.Within.workspace(ws.id()), created.endpoint().id());
            receiver.next(WAIT); // webhook_endpoint.updated, about the rotation
            assertNotEquals(created.secret().reveal(), fresh.reveal());

            record(ws.id(), EventType.APP_UPDATED);
            Receiver.Received got = receiver.next(WAIT);
            assertEquals(2, got.signature().split(" ").length, got.signature());
            for (WebhookSecret secret : List.of(created.secret(), fresh)) {
                node.answer(Json.MAPPER.writeValueAsString(Map.of("secret", secret.reveal(), "headers", got.headers(), "body", got.body())));
                assertTrue(node.line().path("ok").asBoolean());
            }
        }
    }

    @Test
    void aFailedDeliveryIsRetriedAfter500sAndATimeOutWithTheSameWebhookIdUntilItSucceeds() throws Exception {
        var ws = fixture.workspace("wh-retry");
        try (Receiver receiver = Receiver.answering(500, Receiver.STALL, 200)) {
            var created = endpoint(receiver, Optional.of(ws.id()), "app.deleted");
            record(ws.id(), EventType.APP_DELETED);

            var first = receiver.next(WAIT);
            var second = receiver.next(WAIT);
            var third = receiver.next(WAIT);
            assertEquals(first.webhookId(), second.webhookId());
            assertEquals(first.webhookId(), third.webhookId());
            assertEquals(first.body(), third.body());
            assertTrue(receiver.nothingWithin(Duration.ofSeconds(2)), "a delivered webhook is not sent again");

            var log = waitForAttempts(ws.id(), created.endpoint().id(), 3);
            assertEquals(Delivery.Status.DELIVERED, log.delivery().status());
            List<Delivery.Attempt> attempts = log.attempts();
            assertEquals(Optional.of(500), attempts.get(0).statusCode());
            assertEquals(Optional.of("timeout"), attempts.get(1).error());
            assertTrue(attempts.get(1).durationMs() >= 900, "the time-out took about a second: " + attempts.get(1).durationMs());
            assertEquals(Optional.of(200), attempts.get(2).statusCode());
            assertEquals(List.of(1, 2, 3), attempts.stream().map(Delivery.Attempt::attempt).toList());
        }
    }

    @Test
    void anEndpointFailingEveryRetryOfADeliveryIsDisabledWithAnEventAndReplaySendsTheSameWebhookIdAgain() throws Exception {
        var ws = fixture.workspace("wh-disable");
        try (Receiver receiver = Receiver.answering(503, 503, 503, 503)) {
            var created = endpoint(receiver, Optional.of(ws.id()), "token.revoked");
            String id = created.endpoint().id();
            record(ws.id(), EventType.TOKEN_REVOKED);
            String webhookId = receiver.next(WAIT).webhookId();
            receiver.next(WAIT);
            receiver.next(WAIT);

            var log = waitForAttempts(ws.id(), id, 3);
            assertEquals(Delivery.Status.FAILED, log.delivery().status());
            waitUntil(() -> !webhooks.find(Webhooks.Within.ANY, id).enabled());
            var disabled = server.portcullis().core().events().page(EventQuery.newest(10).inWorkspace(ws.id())
                    .ofTypes(java.util.Set.of(EventType.WEBHOOK_ENDPOINT_DISABLED))).events();
            assertEquals(1, disabled.size());
            assertEquals(Optional.of(new dev.portcullis.events.Event.Target("webhook_endpoint", id)), disabled.getFirst().target());
            assertEquals(Actor.Kind.SYSTEM, disabled.getFirst().actor().kind());

            record(ws.id(), EventType.TOKEN_REVOKED);
            assertTrue(receiver.nothingWithin(Duration.ofSeconds(2)), "a disabled endpoint gets nothing new");

            webhooks.update(Actor.system(), Webhooks.Within.ANY, id, new Webhooks.Draft(null, null, true));
            webhooks.replay(Webhooks.Within.workspace(ws.id()), id, log.delivery().id());
            assertEquals(webhookId, receiver.next(WAIT).webhookId(), "a replay carries the delivery's webhook-id");
        }
    }

    @Test
    void aWorkspaceEndpointGetsOnlyItsWorkspacesEventsOfItsTypesAndAGlobalOneEveryWorkspaces() throws Exception {
        var mine = fixture.workspace("wh-mine");
        var other = fixture.workspace("wh-other");
        try (Receiver workspace = Receiver.accepting(); Receiver global = Receiver.accepting()) {
            endpoint(workspace, Optional.of(mine.id()), "member.added");
            webhooks.create(Actor.system(), Optional.empty(), new Webhooks.Draft(global.url("/all"), List.of("member.added"), null));

            record(other.id(), EventType.MEMBER_ADDED);
            record(mine.id(), EventType.MEMBER_REMOVED);
            String mineId = record(mine.id(), EventType.MEMBER_ADDED);

            assertEquals(mineId, Json.MAPPER.readTree(workspace.next(WAIT).body()).path("id").asText());
            assertTrue(workspace.nothingWithin(Duration.ofSeconds(2)));
            var globals = List.of(global.next(WAIT), global.next(WAIT));
            assertEquals(2, globals.stream().map(Receiver.Received::webhookId).distinct().count());
            assertTrue(global.nothingWithin(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aRolledBackChangeQueuesNothing() throws Exception {
        var ws = fixture.workspace("wh-rollback");
        try (Receiver receiver = Receiver.accepting()) {
            endpoint(receiver, Optional.of(ws.id()), "app.created");
            try {
                server.portcullis().database().inTransaction(tx -> {
                    server.portcullis().core().events().record(tx, EventDraft.of(EventType.APP_CREATED, Actor.system()).inWorkspace(ws.id()));
                    throw new IllegalStateException("the change failed");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
            assertTrue(receiver.nothingWithin(Duration.ofSeconds(2)));
        }
    }

    static Webhooks.DeliveryLog waitForAttempts(String workspaceId, String endpointId, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var logs = webhooks.deliveries(Webhooks.Within.workspace(workspaceId), endpointId);
            var log = logs.stream().filter(l -> l.attempts().size() >= attempts && l.delivery().status() != Delivery.Status.PENDING)
                    .findFirst();
            if (log.isPresent()) return log.get();
            Thread.sleep(50);
        }
        throw new AssertionError("no delivery reached " + attempts + " attempts");
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the condition did not hold in time");
            Thread.sleep(50);
        }
    }
}

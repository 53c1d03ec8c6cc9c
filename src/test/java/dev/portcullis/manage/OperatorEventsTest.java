package dev.portcullis.manage;

import static dev.portcullis.support.Recorded.of;
import static dev.portcullis.support.Recorded.one;
import static dev.portcullis.support.Recorded.rawData;
import static dev.portcullis.support.Recorded.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.http.Json;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /manage/v1 acts are recorded with the operator token as actor and the request's address and user
 * agent; the token's use at most once an hour; key rotation by the schedule as the system.
 */
class OperatorEventsTest {
    private static final String AGENT = "provisioner/2.1";

    @ParameterizedTest
    @EnumSource(Db.class)
    void operatorActsAreRecordedAsTheTokenAndItsUseOnlyOnceAnHour(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            var created = core.operators().create("provisioner", Actor.system());
            String tokenId = created.token().id();
            Event minted = one(core, EventType.OPERATOR_TOKEN_CREATED);
            assertEquals(Actor.system(), minted.actor());
            assertEquals("operator_token:" + tokenId, target(minted));
            assertEquals(Map.of("name", "provisioner"), minted.data());

            call(server, created.secret(), "POST", "/users", "{\"email\": \"ada@example.com\", \"name\": \"Ada\", \"password\": \"correct horse\"}", 201);
            call(server, created.secret(), "POST", "/users", "{\"email\": \"bob@example.com\", \"name\": \"Bob\", \"password\": \"battery staple\"}", 201);
            String adaId = core.identity().findByEmail("ada@example.com").orElseThrow().id();
            String bobId = core.identity().findByEmail("bob@example.com").orElseThrow().id();
            String acme = call(server, created.secret(), "POST", "/workspaces",
                    "{\"slug\": \"acme\", \"name\": \"Acme\", \"admin_user_id\": \"" + adaId + "\"}", 201).get("id").asText();
            Event workspace = one(core, EventType.WORKSPACE_CREATED);
            assertOperator(workspace, tokenId);
            assertEquals(Optional.of(acme), workspace.workspaceId());
            assertEquals("workspace:" + acme, target(workspace));
            assertEquals(Map.of("slug", "acme", "name", "Acme"), workspace.data());

            String members = "/workspaces/" + acme + "/members";
            call(server, created.secret(), "POST", members, "{\"email\": \"bob@example.com\", \"role\": \"member\"}", 201);
            call(server, created.secret(), "POST", members, "{\"email\": \"bob@example.com\", \"role\": \"admin\"}", 400);
            List<Event> bobAdded = of(core, EventType.MEMBER_ADDED).stream().filter(e -> target(e).equals("user:" + bobId)).toList();
            assertEquals(1, bobAdded.size(), "the refused duplicate wrote nothing");
            assertOperator(bobAdded.getFirst(), tokenId);
            assertEquals(Optional.of(acme), bobAdded.getFirst().workspaceId());
            assertEquals(Map.of("role", "member"), bobAdded.getFirst().data());

            call(server, created.secret(), "PATCH", members + "/" + bobId, "{\"role\": \"admin\"}", 204);
            Event promoted = one(core, EventType.MEMBER_ROLE_CHANGED);
            assertOperator(promoted, tokenId);
            assertEquals("user:" + bobId, target(promoted));
            assertEquals(Map.of("from", "member", "to", "admin"), promoted.data());
            call(server, created.secret(), "DELETE", members + "/" + bobId, null, 204);
            call(server, created.secret(), "DELETE", members + "/" + adaId, null, 409);
            Event removed = one(core, EventType.MEMBER_REMOVED);
            assertOperator(removed, tokenId);
            assertEquals("user:" + bobId, target(removed));
            assertEquals(Optional.of(acme), removed.workspaceId());

            String previous = core.keys().keys().stream().filter(k -> k.current() && k.alg() == SigningAlgorithm.ES256)
                    .findFirst().orElseThrow().kid();
            String kid = call(server, created.secret(), "POST", "/keys/rotate", "{\"alg\": \"ES256\"}", 201)
                    .get("rotated").get(0).get("kid").asText();
            Event rotated = one(core, EventType.SIGNING_KEY_ROTATED);
            assertOperator(rotated, tokenId);
            assertEquals("signing_key:" + kid, target(rotated));
            assertEquals(Map.of("alg", "ES256", "scheduled", false, "previous_kid", previous), rotated.data());

            Event used = one(core, EventType.OPERATOR_TOKEN_USED);
            assertOperator(used, tokenId);
            assertEquals("operator_token:" + tokenId, target(used));
            assertEquals(Map.of("name", "provisioner"), used.data());

            String raw = rawData(core);
            for (String secret : List.of(created.secret(), "correct horse", "battery staple")) {
                assertFalse(raw.contains(secret), "a secret in the log: " + raw);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aScheduledRotationIsTheSystemsAndAnUnknownTokenIsNoUse(Db db) {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            Instant later = Instant.now().plus(core.config().keys().rotation()).plusSeconds(60);
            int rotated = core.keys().rotateDue(later).size();
            assertEquals(SigningAlgorithm.values().length, rotated);
            List<Event> events = of(core, EventType.SIGNING_KEY_ROTATED);
            assertEquals(rotated, events.size());
            for (Event e : events) {
                assertEquals(Actor.system(), e.actor());
                assertEquals(true, e.data().get("scheduled"));
                assertTrue(target(e).startsWith("signing_key:"), target(e));
            }
            assertEquals(0, core.keys().rotateDue(later).size(), "nothing is due twice");
            assertEquals(rotated, of(core, EventType.SIGNING_KEY_ROTATED).size());

            var res = server.send(HttpRequest.newBuilder(server.uri("/manage/v1/keys")).header("Authorization", "Bearer pc_op_forged")
                    .header("User-Agent", AGENT).GET().build());
            assertEquals(401, res.statusCode());
            assertTrue(of(core, EventType.OPERATOR_TOKEN_USED).isEmpty());
        }
    }

    private static JsonNode call(TestServer server, String token, String method, String path, String json, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1" + path)).header("Authorization", "Bearer " + token)
                .header("User-Agent", AGENT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        HttpResponse<String> res = server.send(b.build());
        assertEquals(status, res.statusCode(), res.body());
        return res.body().isEmpty() ? null : Json.MAPPER.readTree(res.body());
    }

    private static void assertOperator(Event e, String tokenId) {
        assertEquals(Actor.Kind.OPERATOR, e.actor().kind(), e.toString());
        assertEquals(Optional.of(tokenId), e.actor().id(), e.toString());
        assertEquals(Optional.of("127.0.0.1"), e.actor().address(), e.toString());
        assertEquals(Optional.of(AGENT), e.actor().userAgent(), e.toString());
    }
}

package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SqlDeliveryRepository} on both databases: due deliveries are leased, completed, retried and replayed. */
@ParameterizedClass
@EnumSource(Db.class)
class DeliveryRepositoryContractTest extends RepositoryContract {
    static final Duration LEASE = Duration.ofSeconds(60);
    final DeliveryRepository repo = new SqlDeliveryRepository();

    /** A fresh endpoint, so each test claims only its own deliveries (claims are global). */
    String endpoint() {
        return subscribed(Optional.empty(), true, "*");
    }

    Delivery queue(String endpointId, Instant due) {
        var d = new Delivery("msg_" + Seed.next(), endpointId, "event-" + Seed.next(), "app.created", "{\"a\":1}", Delivery.Status.PENDING,
                0, 0, Optional.of(due), Optional.empty(), due);
        database.inTransaction(tx -> {
            repo.enqueue(tx, d);
            return null;
        });
        return d;
    }

    List<String> claim(Instant now) {
        return database.inTransaction(tx -> repo.claim(tx, now, now.plus(LEASE), 1000)).stream().map(Delivery::id).toList();
    }

    static Delivery.Attempt attempt(Delivery d, int n, Instant at, Integer status, String error) {
        return new Delivery.Attempt(d.id(), n, at, Optional.ofNullable(status), Optional.ofNullable(error), 12);
    }

    @Test
    void aClaimLeasesDueDeliveriesOnceUntilTheLeaseLapses() {
        Instant now = NOW.plus(Duration.ofDays(300)); // later than every other test's deliveries, which are then claimed first
        String endpoint = endpoint();
        var due = queue(endpoint, now.minusSeconds(1));
        var later = queue(endpoint, now.plusSeconds(30));

        List<String> first = claim(now);
        assertTrue(first.contains(due.id()));
        assertFalse(first.contains(later.id()), "not due yet");
        assertFalse(claim(now.plusSeconds(1)).contains(due.id()), "leased: no second claim");
        assertTrue(claim(now.plus(LEASE).plusSeconds(1)).contains(due.id()), "a lapsed lease (a crashed instance) comes back");
        var claimed = database.read(tx -> repo.find(tx, due.id())).orElseThrow();
        assertEquals(Optional.of(now), claimed.firstAttemptAt(), "the first claim's time is kept");
    }

    @Test
    void completingLogsTheAttemptAndDeliversRetriesOrFails() {
        Instant now = NOW.plus(Duration.ofDays(400));
        String endpoint = endpoint();
        var d = queue(endpoint, now);
        claim(now);
        database.inTransaction(tx -> {
            repo.complete(tx, attempt(d, 1, now, 500, null), Optional.of(now.plusSeconds(5)));
            return null;
        });
        var retrying = database.read(tx -> repo.find(tx, d.id())).orElseThrow();
        assertEquals(Delivery.Status.PENDING, retrying.status());
        assertEquals(1, retrying.attempts());
        assertEquals(1, retrying.failures());
        assertEquals(Optional.of(now.plusSeconds(5)), retrying.nextAttemptAt());
        assertFalse(claim(now.plusSeconds(1)).contains(d.id()), "not due before its retry time, though no longer leased");
        assertTrue(claim(now.plusSeconds(5)).contains(d.id()));
        database.inTransaction(tx -> {
            repo.complete(tx, attempt(d, 2, now.plusSeconds(5), null, "timeout"), Optional.empty());
            return null;
        });
        assertEquals(Delivery.Status.FAILED, database.read(tx -> repo.find(tx, d.id())).orElseThrow().status());
        assertFalse((boolean) database.read(tx -> repo.succeededSince(tx, endpoint, now)));

        assertTrue((boolean) database.inTransaction(tx -> repo.replay(tx, d.id(), now.plusSeconds(10))));
        assertTrue(claim(now.plusSeconds(10)).contains(d.id()), "a replay is due at once");
        assertFalse((boolean) database.inTransaction(tx -> repo.replay(tx, d.id(), now.plusSeconds(11))), "not while an attempt holds it");
        database.inTransaction(tx -> {
            repo.complete(tx, attempt(d, 3, now.plusSeconds(11), 204, null), Optional.empty());
            return null;
        });
        var delivered = database.read(tx -> repo.find(tx, d.id())).orElseThrow();
        assertEquals(Delivery.Status.DELIVERED, delivered.status());
        assertEquals(Optional.empty(), delivered.nextAttemptAt());
        assertEquals(d.id(), delivered.id());
        assertTrue((boolean) database.read(tx -> repo.succeededSince(tx, endpoint, now)));
        assertFalse((boolean) database.read(tx -> repo.succeededSince(tx, endpoint, now.plusSeconds(12))));

        var attempts = database.read(tx -> repo.attempts(tx, d.id()));
        assertEquals(List.of(1, 2, 3), attempts.stream().map(Delivery.Attempt::attempt).toList());
        assertEquals(Optional.of(500), attempts.get(0).statusCode());
        assertEquals(Optional.of("timeout"), attempts.get(1).error());
        assertEquals(12, attempts.get(2).durationMs());
        assertEquals(List.of(d.id()), database.read(tx -> repo.ofEndpoint(tx, endpoint, 10)).stream().map(Delivery::id).toList());
    }

    @Test
    void oneDeliveryPerEventAndEndpointAndDeletingTheEndpointDeletesItsDeliveries() {
        String endpoint = endpoint();
        var d = queue(endpoint, NOW);
        var again = new Delivery("msg_" + Seed.next(), endpoint, d.eventId(), "app.created", "{}", Delivery.Status.PENDING, 0, 0,
                Optional.of(NOW), Optional.empty(), NOW);
        org.junit.jupiter.api.Assertions.assertThrows(dev.portcullis.storage.UniqueViolation.class, () -> database.inTransaction(tx -> {
            repo.enqueue(tx, again);
            return null;
        }));
        database.inTransaction(tx -> new SqlWebhookEndpointRepository().delete(tx, endpoint));
        assertEquals(Optional.empty(), database.read(tx -> repo.find(tx, d.id())));
    }

    @Test
    void anEventIsQueuedForEveryEnabledSubscribedEndpointInScopeAndNoOther() {
        String ws = database.inTransaction(tx -> Seed.workspace(tx, "Outbox", NOW)).id();
        String other = database.inTransaction(tx -> Seed.workspace(tx, "Elsewhere", NOW)).id();
        var global = subscribed(Optional.empty(), true, "api_key.created");
        var mine = subscribed(Optional.of(ws), true, "app.created", "api_key.created");
        var everything = subscribed(Optional.of(ws), true, "*");
        var disabled = subscribed(Optional.of(ws), false, "*");
        var otherWorkspace = subscribed(Optional.of(other), true, "*");
        var otherType = subscribed(Optional.of(ws), true, "app.created");
        var likeWildcard = subscribed(Optional.of(ws), true, "apiXkey.created");
        var event = new Event(UUID.randomUUID().toString(), EventType.API_KEY_CREATED,
                NOW, Actor.system(), Optional.of(ws), Optional.of(new Event.Target("api_key", "key-1")), Map.of("name", "CI"));

        int queued = database.inTransaction(tx -> repo.enqueueForSubscribers(tx, event, "{\"payload\":1}"));

        for (var wanted : List.of(global, mine, everything)) {
            var d = database.read(tx -> repo.ofEndpoint(tx, wanted, 10));
            assertEquals(1, d.size(), wanted);
            assertEquals("msg_" + event.id().replace("-", "") + "_" + wanted, d.getFirst().id());
            assertEquals(event.id(), d.getFirst().eventId());
            assertEquals("api_key.created", d.getFirst().eventType());
            assertEquals("{\"payload\":1}", d.getFirst().payload());
            assertEquals(Delivery.Status.PENDING, d.getFirst().status());
            assertEquals(Optional.of(NOW), d.getFirst().nextAttemptAt());
            assertEquals(Optional.empty(), d.getFirst().firstAttemptAt());
        }
        for (var unwanted : List.of(disabled, otherWorkspace, otherType, likeWildcard)) {
            assertEquals(List.of(), database.read(tx -> repo.ofEndpoint(tx, unwanted, 10)), unwanted);
        }
        assertTrue(queued >= 3, "also every global endpoint other tests left: " + queued);

        var noWorkspace = new Event(UUID.randomUUID().toString(), EventType.API_KEY_CREATED, NOW, Actor.system(), Optional.empty(),
                Optional.empty(), Map.of());
        database.inTransaction(tx -> repo.enqueueForSubscribers(tx, noWorkspace, "{}"));
        var delivered = database.read(tx -> List.of(global, mine, everything).stream()
                .filter(id -> repo.ofEndpoint(tx, id, 10).stream().anyMatch(d -> d.eventId().equals(noWorkspace.id()))).toList());
        assertEquals(List.of(global), delivered, "an event of no workspace goes to global endpoints only");
    }

    String subscribed(Optional<String> workspace, boolean enabled, String... types) {
        var e = WebhookEndpointRepositoryContractTest.endpoint(workspace, enabled, types);
        database.inTransaction(tx -> {
            new SqlWebhookEndpointRepository().insert(tx, new WebhookEndpointRepository.Stored(e, "sealed", Optional.empty(), Optional.empty()));
            return null;
        });
        return e.id();
    }
}

package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventType;
import dev.portcullis.storage.Storage;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL, each with its delivery worker: every event reaches the
 * receiver, and no webhook-id twice (claims skip what the other instance holds).
 */
class TwoInstancesDeliveryTest {
    static final int EVENTS = 200;

    @Test
    void twoInstancesOnOnePostgresDeliverEveryEventOnceBetweenThem() throws Exception {
        Storage shared = TestDatabases.fresh(Db.POSTGRES);
        try (TestServer a = TestServer.start(WebhookDeliveryTest.testConfig(TestServer.configFor(shared)));
             TestServer b = TestServer.start(WebhookDeliveryTest.testConfig(TestServer.configFor(shared)));
             Receiver receiver = Receiver.accepting()) {
            a.portcullis().core().webhooks().create(Actor.system(), Optional.empty(),
                    new Webhooks.Draft(receiver.url("/all"), List.of("token.issued"), null));
            for (int i = 0; i < EVENTS; i++) {
                TestServer on = i % 2 == 0 ? a : b;
                on.portcullis().core().events().record(EventDraft.of(EventType.TOKEN_ISSUED, Actor.client("client-" + i, Actor.Origin.NONE)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (receiver.all().size() < EVENTS && System.nanoTime() < deadline) Thread.sleep(100);
            Thread.sleep(2_000); // time for a duplicate, were there one

            Map<String, Integer> seen = new HashMap<>();
            for (Receiver.Received r : receiver.all()) seen.merge(r.webhookId(), 1, Integer::sum);
            assertEquals(EVENTS, seen.size(), "every event arrived");
            assertEquals(Map.of(), seen.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no webhook-id twice");
        }
    }
}

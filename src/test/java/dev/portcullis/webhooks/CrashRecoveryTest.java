package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.storage.Database;
import dev.portcullis.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real server as its own process, killed with SIGKILL while a committed delivery is being
 * attempted: after a restart the lapsed lease brings the delivery back, and it arrives with the
 * same webhook-id. Nothing committed is lost to a crash.
 */
class CrashRecoveryTest {

    @Test
    void aDeliveryCommittedBeforeAKill9ArrivesAfterTheRestartWithTheSameWebhookId() throws Exception {
        Path dataDir = Files.createTempDirectory("portcullis-webhook-crash");
        int port = ServerProcess.freePort();
        Map<String, String> env = Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_ISSUER", "http://127.0.0.1:" + port, "PORTCULLIS_DEMO", "false", "PORTCULLIS_DATA_DIR", dataDir.toString(),
                "PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE", "true", "PORTCULLIS_WEBHOOK_RETRY_SECONDS", "1,1",
                "PORTCULLIS_WEBHOOK_TIMEOUT_SECONDS", "5"); // the kill comes well within an attempt
        Config config = ConfigLoader.load(env);
        try (Receiver receiver = Receiver.answering(Receiver.STALL)) {
            // Committed while no server runs: the endpoint, and the delivery of its own webhook_endpoint.created.
            String endpointId;
            try (Core core = Core.open(config, Clock.systemUTC())) {
                endpointId = core.webhooks().create(Actor.system(), Optional.empty(),
                        new Webhooks.Draft(receiver.url("/in"), List.of("*"), null)).endpoint().id();
            }

            Process first = ServerProcess.start(env, "webhook-crash-1");
            String webhookId;
            try {
                webhookId = receiver.next(Duration.ofSeconds(60)).webhookId();
            } finally {
                first.destroyForcibly(); // SIGKILL, mid-attempt: no completion is written
                first.waitFor(10, TimeUnit.SECONDS);
            }
            try (Database db = Database.open(config.storage())) {
                var row = db.read(tx -> new SqlDeliveryRepository().ofEndpoint(tx, endpointId, 10)).getFirst();
                assertEquals(webhookId, row.id());
                assertEquals(Delivery.Status.PENDING, row.status());
                assertEquals(0, row.attempts(), "the killed attempt never completed: " + db.read(tx -> new SqlDeliveryRepository().attempts(tx, webhookId)));
            }

            Process second = ServerProcess.start(env, "webhook-crash-2");
            try {
                ServerProcess.awaitHealthy(port);
                Receiver.Received again = receiver.next(Duration.ofSeconds(90));
                assertEquals(webhookId, again.webhookId());
            } finally {
                second.destroy(); // a graceful stop lets the attempt in flight finish, so its success is logged
                second.waitFor(15, TimeUnit.SECONDS);
            }
            try (Database db = Database.open(config.storage())) {
                var log = db.read(tx -> new SqlDeliveryRepository().attempts(tx, webhookId));
                assertEquals(1, log.size(), log.toString());
                assertTrue(log.getFirst().succeeded());
            }
        }
    }
}

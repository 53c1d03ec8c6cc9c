package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.storage.Database;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        int port = freePort();
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

            Process first = start(env, dataDir, 1);
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

            Process second = start(env, dataDir, 2);
            try {
                awaitHealthy(port);
                Receiver.Received again = receiver.next(Duration.ofSeconds(90));
                assertEquals(webhookId, again.webhookId());
            } finally {
                second.destroy();
                second.waitFor(15, TimeUnit.SECONDS);
            }
            try (Database db = Database.open(config.storage())) {
                var log = db.read(tx -> new SqlDeliveryRepository().attempts(tx, webhookId));
                assertEquals(1, log.size(), log.toString());
                assertTrue(log.getFirst().succeeded());
            }
        }
    }

    static Process start(Map<String, String> env, Path dataDir, int n) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.portcullis.cli.Main", "serve").redirectErrorStream(true)
                .redirectOutput(Path.of("target", "webhook-crash-" + n + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    static void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the restarted server did not answer /healthz");
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SSRF rule at delivery time: a target that became private (or was saved in development) is not contacted. */
class SenderTest {

    @Test
    void withTheDevSettingOffLoopbackAndHttpTargetsAreRefusedAndNothingArrives() throws Exception {
        try (Receiver receiver = Receiver.accepting(); Sender sender = new Sender(false, Duration.ofSeconds(2))) {
            int port = URI.create(receiver.url("/")).getPort();
            for (String target : new String[] {receiver.url("/in"), "https://127.0.0.1:" + port + "/in", "https://localhost:" + port + "/in",
                    "https://[::1]:" + port + "/in"}) {
                var outcome = sender.post(URI.create(target), "msg_1", 1, "v1,x", "{}");
                assertEquals(Optional.of("refused_address"), outcome.error(), target);
            }
            assertTrue(receiver.nothingWithin(Duration.ofMillis(300)));
        }
    }

    @Test
    void withTheDevSettingOnALoopbackTargetIsDeliveredWithTheHeaders() throws Exception {
        try (Receiver receiver = Receiver.accepting(); Sender sender = new Sender(true, Duration.ofSeconds(2))) {
            var outcome = sender.post(URI.create(receiver.url("/in")), "msg_1", 1614265330L, "v1,abc", "{\"a\":1}");
            assertEquals(Optional.of(204), outcome.statusCode());
            var got = receiver.next(Duration.ofSeconds(5));
            assertEquals("msg_1", got.webhookId());
            assertEquals("1614265330", got.timestamp());
            assertEquals("v1,abc", got.signature());
            assertEquals("{\"a\":1}", got.body());
        }
    }
}

package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing as the Standard Webhooks specification says, checked against its published test vector. */
class WebhookSecretTest {
    // The specification's example (standard-webhooks/spec, "Signature scheme").
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void theSignatureOfTheSpecificationsTestVectorIsTheOneItPublishes() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSecret.parse(SECRET).sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void anyChangeToTheIdTimestampOrBodyChangesTheSignature() {
        WebhookSecret secret = WebhookSecret.parse(SECRET);
        String good = secret.sign(ID, TIMESTAMP, BODY);
        assertNotEquals(good, secret.sign(ID + "x", TIMESTAMP, BODY));
        assertNotEquals(good, secret.sign(ID, TIMESTAMP + 1, BODY));
        assertNotEquals(good, secret.sign(ID, TIMESTAMP, BODY + " "));
    }

    @Test
    void withSeveralSecretsTheHeaderHoldsOneSignatureEachSpaceSeparated() {
        WebhookSecret first = WebhookSecret.parse(SECRET);
        WebhookSecret second = WebhookSecret.generate(new SecureRandom());
        String header = WebhookSecret.header(List.of(first, second), ID, TIMESTAMP, BODY);
        assertEquals(first.sign(ID, TIMESTAMP, BODY) + " " + second.sign(ID, TIMESTAMP, BODY), header);
    }

    @Test
    void aNewSecretIsWhsecAndTheBase64Of24RandomBytesAndItsStringFormShowsNone() {
        WebhookSecret a = WebhookSecret.generate(new SecureRandom());
        assertTrue(a.reveal().startsWith("whsec_"));
        assertEquals(24, Base64.getDecoder().decode(a.reveal().substring(6)).length);
        assertNotEquals(a.reveal(), WebhookSecret.generate(new SecureRandom()).reveal());
        assertFalse(a.toString().contains(a.reveal().substring(6)));
    }
}

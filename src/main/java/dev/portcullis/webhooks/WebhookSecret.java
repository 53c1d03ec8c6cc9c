package dev.portcullis.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signing secret as the Standard Webhooks specification writes it, {@code whsec_} and the base64
 * of 24 random bytes, and the {@code v1} signature it makes: base64 HMAC-SHA256 of
 * {@code "{webhook-id}.{webhook-timestamp}.{body}"} keyed with the decoded bytes.
 */
public final class WebhookSecret {
    static final String PREFIX = "whsec_";
    private static final int BYTES = 24;
    private final String value;
    private final byte[] key;

    private WebhookSecret(String value, byte[] key) {
        this.value = value;
        this.key = key;
    }

    static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
    }

    /** A secret in its {@code whsec_} form; the prefix is optional, as the reference libraries accept. */
    static WebhookSecret parse(String value) {
        String encoded = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
        return new WebhookSecret(PREFIX + encoded, Base64.getDecoder().decode(encoded));
    }

    /** The text shown once to whoever registered the endpoint; sealed before it is stored. */
    public String reveal() {
        return value;
    }

    /** {@code v1,<base64 signature>}. */
    String sign(String webhookId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per active secret, space-separated. */
    static String header(List<WebhookSecret> secrets, String webhookId, long timestamp, String body) {
        return secrets.stream().map(s -> s.sign(webhookId, timestamp, body)).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}

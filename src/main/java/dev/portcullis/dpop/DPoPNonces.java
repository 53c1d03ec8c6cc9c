package dev.portcullis.dpop;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Server nonces (RFC 9449 §8, §9) kept nowhere: a nonce is a time window and its HMAC under a key
 * derived from the master key, so any instance accepts what another issued. A nonce is good in the
 * window it was issued in and the next (one window to spare for clocks a little apart).
 */
public final class DPoPNonces {
    static final Duration WINDOW = Duration.ofMinutes(3);
    private static final int MAC_BYTES = 16;

    private final SecretKey key;
    private final Clock clock;

    public DPoPNonces(SecretKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** The nonce to hand out now, in {@code DPoP-Nonce}. */
    public String current() {
        return encode(window());
    }

    boolean accepts(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != Long.BYTES + MAC_BYTES) return false;
        long issued = ByteBuffer.wrap(raw).getLong();
        long now = window();
        if (issued < now - 1 || issued > now + 1) return false;
        return MessageDigest.isEqual(Arrays.copyOfRange(raw, Long.BYTES, raw.length), mac(issued));
    }

    private long window() {
        return clock.millis() / WINDOW.toMillis();
    }

    private String encode(long window) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(Long.BYTES + MAC_BYTES).putLong(window).put(mac(window)).array());
    }

    private byte[] mac(long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

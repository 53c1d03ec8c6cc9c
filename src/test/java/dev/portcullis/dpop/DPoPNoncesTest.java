package dev.portcullis.dpop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.MutableClock;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Stateless nonces (RFC 9449 §8): good in their window and the next, under this key only, and unforgeable. */
class DPoPNoncesTest {
    static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "HmacSHA256");
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    final DPoPNonces nonces = new DPoPNonces(KEY, clock);

    @Test
    void nonceWhenInItsWindowOrTheNextThenAcceptedAfterThatRefused() {
        String nonce = nonces.current();
        assertTrue(nonces.accepts(nonce));
        clock.advance(DPoPNonces.WINDOW);
        assertTrue(nonces.accepts(nonce), "one window to spare");
        clock.advance(DPoPNonces.WINDOW);
        assertFalse(nonces.accepts(nonce), "two windows on it is stale");
    }

    @Test
    void nonceWhenOfAnotherKeyOrTamperedOrGarbageThenRefused() {
        String nonce = nonces.current();
        DPoPNonces other = new DPoPNonces(new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "HmacSHA256"), clock);
        assertFalse(other.accepts(nonce), "another deployment's master key");
        char last = nonce.charAt(nonce.length() - 1);
        assertFalse(nonces.accepts(nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A')));
        assertFalse(nonces.accepts("not base64 !"));
        assertFalse(nonces.accepts(""));
    }

    @Test
    void noncesWhenTwoInstancesShareTheKeyThenEachAcceptsTheOthers() {
        assertTrue(new DPoPNonces(KEY, clock).accepts(nonces.current()));
    }
}

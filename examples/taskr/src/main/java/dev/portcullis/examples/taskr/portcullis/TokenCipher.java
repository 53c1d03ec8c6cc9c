package dev.portcullis.examples.taskr.portcullis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals tokens at rest with AES-256-GCM: a fresh 96-bit nonce per value and the row's context
 * (column and user) as associated data, so a sealed token cannot be moved to another row.
 * Format: {@code v1.} + base64url(nonce || ciphertext || tag).
 */
public final class TokenCipher {
    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random;

    public TokenCipher(byte[] key, SecureRandom random) {
        if (key.length != 32) throw new IllegalArgumentException("the token encryption key must be 32 bytes (AES-256)");
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, plaintext.getBytes(StandardCharsets.UTF_8), context);
        byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The plaintext; throws {@link Tampered} when the value, key or context does not match. */
    public String open(String sealed, String context) {
        if (!sealed.startsWith(VERSION)) throw new Tampered();
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new Tampered();
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) throw new Tampered();
        byte[] nonce = Arrays.copyOfRange(raw, 0, NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(raw, NONCE_BYTES, raw.length);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, body, context), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] input, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new Tampered();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The sealed value failed authentication: altered, sealed under another key, or moved. */
    public static final class Tampered extends RuntimeException {
        Tampered() {
            super("sealed token failed authentication", null, false, false);
        }
    }
}

package dev.portcullis.externallogin;

import dev.portcullis.secrets.Token;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A value sealed (AES-256-GCM) under a key derived from a 256-bit token that only the browser's
 * round trip carries. The return path names the pending authorization request's handle, a secret:
 * stored sealed, a database reader cannot use it, and only the holder of the token can open it.
 */
final class Sealed {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private Sealed() {}

    static String seal(String plaintext, Token key, SecureRandom random) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, iv, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** Empty when {@code key} is not the one it was sealed under, or the value was altered. */
    static Optional<String> open(String sealed, Token key) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            byte[] iv = java.util.Arrays.copyOf(in, IV_BYTES);
            byte[] body = java.util.Arrays.copyOfRange(in, IV_BYTES, in.length);
            return Optional.of(new String(run(Cipher.DECRYPT_MODE, key, iv, body), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static byte[] run(int mode, Token key, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keyOf(key), new GCMParameterSpec(TAG_BITS, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal or open", e);
        }
    }

    /** Not the token's SecretHash (which is stored): a hash of another input, so the stored hash is no key. */
    private static SecretKeySpec keyOf(Token key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("portcullis external login seal\n" + key.value()).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

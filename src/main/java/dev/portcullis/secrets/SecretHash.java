package dev.portcullis.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a high-entropy secret, hex-encoded: the only form of a secret that reaches
 * storage. A slow hash is unnecessary for 256-bit random values and would slow every request.
 * Repositories take this type, never a raw string, so a raw secret cannot reach SQL.
 */
public record SecretHash(String hex) {

    public SecretHash {
        if (hex == null || hex.length() != 64) throw new IllegalArgumentException("not a SHA-256 hex digest");
    }

    public static SecretHash of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return new SecretHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Constant-time comparison, for the rare check that is not a hash lookup. */
    public boolean matches(String secret) {
        return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII),
                of(secret).hex.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SecretHash[" + hex.substring(0, 8) + "…]";
    }
}

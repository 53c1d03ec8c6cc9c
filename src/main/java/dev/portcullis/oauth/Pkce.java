package dev.portcullis.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 7636 PKCE with S256 only: {@code plain} is refused (OAuth 2.1, RFC 9700 §2.1.1). */
public final class Pkce {
    private Pkce() {}

    /** A code_challenge is the base64url SHA-256 of a verifier: always 43 characters. */
    public static boolean isValidChallenge(String challenge) {
        return challenge != null && challenge.matches("[A-Za-z0-9_-]{43}");
    }

    /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
    public static boolean isValidVerifier(String verifier) {
        return verifier != null && verifier.matches("[A-Za-z0-9._~-]{43,128}");
    }

    public static boolean matches(String verifier, String challenge) {
        if (!isValidVerifier(verifier) || !isValidChallenge(challenge)) return false;
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

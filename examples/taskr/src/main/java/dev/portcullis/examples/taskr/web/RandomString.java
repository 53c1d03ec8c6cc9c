package dev.portcullis.examples.taskr.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** 256 random bits as base64url: session ids, CSRF tokens, OAuth state, PKCE verifiers. */
public final class RandomString {
    private RandomString() {}

    public static String next(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares secrets in constant time, so a mismatch leaks no prefix length. */
    public static boolean same(String expected, String presented) {
        if (expected == null || presented == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}

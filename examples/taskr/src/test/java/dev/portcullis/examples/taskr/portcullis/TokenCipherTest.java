package dev.portcullis.examples.taskr.portcullis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TOKEN = "pc_at_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private final TokenCipher cipher = new TokenCipher(key(), RANDOM);

    @Test
    void sealThenOpenRoundTrips() {
        assertEquals(TOKEN, cipher.open(cipher.seal(TOKEN, "ctx"), "ctx"));
    }

    @Test
    void sealedValueHidesThePlaintextAndDiffersEachTime() {
        String a = cipher.seal(TOKEN, "ctx");
        String b = cipher.seal(TOKEN, "ctx");
        assertTrue(a.startsWith("v1."));
        assertFalse(a.contains(TOKEN) || a.contains("pc_at_"));
        assertNotEquals(a, b, "a fresh nonce per seal");
    }

    @Test
    void openWithAnotherContextThenTampered() {
        String sealed = cipher.seal(TOKEN, "taskr/access_token/user-a");
        assertThrows(TokenCipher.Tampered.class, () -> cipher.open(sealed, "taskr/access_token/user-b"));
    }

    @Test
    void openWithAnotherKeyThenTampered() {
        String sealed = cipher.seal(TOKEN, "ctx");
        assertThrows(TokenCipher.Tampered.class, () -> new TokenCipher(key(), RANDOM).open(sealed, "ctx"));
    }

    @Test
    void openAfterOneBitFlippedOrTruncatedThenTampered() {
        byte[] raw = Base64.getUrlDecoder().decode(cipher.seal(TOKEN, "ctx").substring(3));
        raw[raw.length / 2] ^= 1;
        String flipped = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThrows(TokenCipher.Tampered.class, () -> cipher.open(flipped, "ctx"));
        String truncated = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(raw, 20));
        assertThrows(TokenCipher.Tampered.class, () -> cipher.open(truncated, "ctx"));
        assertThrows(TokenCipher.Tampered.class, () -> cipher.open(TOKEN, "ctx"));
    }

    @Test
    void keyOfWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher(new byte[16], RANDOM));
    }

    @Test
    void keyFileIsGeneratedOwnerOnlyOnceAndReused(@TempDir Path dir) throws Exception {
        byte[] first = EncryptionKey.load(Optional.empty(), dir, RANDOM);
        byte[] second = EncryptionKey.load(Optional.empty(), dir, RANDOM);
        assertEquals(32, first.length);
        assertTrue(Arrays.equals(first, second));
        Path file = dir.resolve(EncryptionKey.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void configuredKeyWinsAndMustBe32Bytes(@TempDir Path dir) {
        byte[] key = key();
        assertTrue(Arrays.equals(key, EncryptionKey.load(Optional.of(Base64.getEncoder().encodeToString(key)), dir, RANDOM)));
        assertFalse(Files.exists(dir.resolve(EncryptionKey.FILE)));
        var shortKey = assertThrows(IllegalArgumentException.class,
                () -> EncryptionKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), dir, RANDOM));
        assertTrue(shortKey.getMessage().contains("TASKR_ENCRYPTION_KEY"));
        assertThrows(IllegalArgumentException.class, () -> EncryptionKey.load(Optional.of("not base64!"), dir, RANDOM));
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}

package dev.portcullis.secrets;

import java.security.SecureRandom;
import java.util.UUID;

/** Identifiers of stored things: random UUIDs, not secrets, safe to show and log. */
public final class Ids {
    private final SecureRandom random;

    public Ids(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) msb = (msb << 8) | (b[i] & 0xff);
        for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (b[i] & 0xff);
        return new UUID(msb, lsb).toString();
    }
}

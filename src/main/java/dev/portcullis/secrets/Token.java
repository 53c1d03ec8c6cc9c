package dev.portcullis.secrets;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A well-formed secret: {@code prefix + 43 base62 characters (256 random bits) + 6 base62
 * characters of CRC32 checksum}. {@link #parse} rejects typos, truncations and forgeries of the
 * shape without a database round trip; only a hash of the value is ever stored.
 */
public record Token(TokenKind kind, String value) {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final int RANDOM_CHARS = 43;
    static final int CHECKSUM_CHARS = 6;
    static final int HINT_CHARS = 4;

    public static Token mint(TokenKind kind, SecureRandom random) {
        StringBuilder body = new StringBuilder(kind.prefix());
        for (int i = 0; i < RANDOM_CHARS; i++) body.append(BASE62.charAt(random.nextInt(62)));
        String unsigned = body.toString();
        return new Token(kind, unsigned + checksum(unsigned));
    }

    public static Optional<Token> parse(String presented) {
        if (presented == null) return Optional.empty();
        return TokenKind.ofPrefix(presented).filter(kind -> wellFormed(kind, presented)).map(kind -> new Token(kind, presented));
    }

    public SecretHash hash() {
        return SecretHash.of(value);
    }

    /**
     * The true last four characters, safe to show in lists ("…c3D4") to tell secrets apart and to
     * match what the holder sees at the end of the string they copied. Four of the checksum's six
     * characters reveal nothing of the 256 random bits beyond what the checksum already carries.
     */
    public String hint() {
        return value.substring(value.length() - HINT_CHARS);
    }

    @Override
    public String toString() {
        return "Token[" + kind + ", …" + hint() + "]";
    }

    private static boolean wellFormed(TokenKind kind, String value) {
        if (value.length() != kind.prefix().length() + RANDOM_CHARS + CHECKSUM_CHARS) return false;
        for (int i = kind.prefix().length(); i < value.length(); i++) {
            if (BASE62.indexOf(value.charAt(i)) < 0) return false;
        }
        int split = value.length() - CHECKSUM_CHARS;
        return checksum(value.substring(0, split)).equals(value.substring(split));
    }

    private static String checksum(String unsigned) {
        CRC32 crc = new CRC32();
        crc.update(unsigned.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long n = crc.getValue();
        char[] out = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (n % 62));
            n /= 62;
        }
        return new String(out);
    }
}

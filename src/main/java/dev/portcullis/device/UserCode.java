package dev.portcullis.device;

import dev.portcullis.secrets.SecretHash;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The short code a person types (RFC 8628 §6.1): 8 letters from 20 consonants with no vowels
 * (no words) and no look-alikes (no I, O, U, Y), about 34.6 bits; shown as {@code XXXX-XXXX},
 * read case- and dash-insensitively. Held in its normalised form: 8 upper-case letters.
 */
public record UserCode(String normalized) {
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;

    public UserCode {
        if (normalized.length() != LENGTH || normalized.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            throw new IllegalArgumentException("not a user code");
        }
    }

    static UserCode mint(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return new UserCode(code.toString());
    }

    /** What a person typed, without dashes and spaces, upper-cased; empty when it cannot be a code. */
    public static Optional<UserCode> parse(String typed) {
        if (typed == null || typed.length() > 32) return Optional.empty();
        String letters = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (letters.length() != LENGTH || letters.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) return Optional.empty();
        return Optional.of(new UserCode(letters));
    }

    /** As shown to people: two groups of four (RFC 8628 §6.1). */
    public String display() {
        return normalized.substring(0, 4) + "-" + normalized.substring(4);
    }

    /** Stored only as a hash, like every code, so a database read alone does not approve a device. */
    SecretHash hash() {
        return SecretHash.of("user_code:" + normalized);
    }

    @Override
    public String toString() {
        return "UserCode[…]";
    }
}

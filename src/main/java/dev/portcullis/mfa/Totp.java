package dev.portcullis.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * TOTP as authenticator apps compute it (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps), the
 * codes computed by java-otp. A code is accepted for the current step or one step either side
 * (RFC 6238 §5.2 allows one step of clock drift); which step matched is returned, so the caller can
 * refuse a second use of it.
 */
public final class Totp {
    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private final TimeBasedOneTimePasswordGenerator generator;

    public Totp() {
        this(DIGITS);
    }

    /** With another length: RFC 6238's Appendix B vectors have 8 digits. */
    Totp(int digits) {
        this.generator = new TimeBasedOneTimePasswordGenerator(STEP, digits, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    /** The secret as apps take it: base32 without padding (the Key Uri Format of authenticator apps). */
    public static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    static byte[] fromBase32(String secret) {
        return new Base32().decode(secret);
    }

    /** The RFC 6238 time step of {@code at}: whole steps since the Unix epoch. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    /** The code of {@code secret} at {@code at}, zero-padded to its length. */
    public String code(byte[] secret, Instant at) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), at, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key of any length is valid", e);
        }
    }

    /** The step whose code {@code typed} is, among the current one and one either side; empty when none. */
    public OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        String code = typed.replace(" ", "");
        if (!CODE.matcher(code).matches()) return OptionalLong.empty();
        long current = step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = code(secret, Instant.ofEpochSecond(step * STEP.toSeconds()));
            // Constant time, so timing does not tell how many digits were right.
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}

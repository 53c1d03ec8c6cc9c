package dev.portcullis.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP as RFC 6238 specifies it: its Appendix B vectors, one step of drift either side, and nothing wider. */
class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void codesMatchRfc6238AppendixBForSha1(long time, String expected) {
        assertEquals(expected, new Totp(8).code(SEED, Instant.ofEpochSecond(time)));
    }

    @Test
    void aSixDigitCodeIsTheLastSixDigitsOfTheRfcVector() {
        assertEquals("287082", new Totp().code(SEED, Instant.ofEpochSecond(59)));
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideAndNamesItsStep() {
        var totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.step(now);
        String previous = totp.code(SEED, now.minusSeconds(30));
        String next = totp.code(SEED, now.plusSeconds(30));
        assertEquals(OptionalLong.of(step), totp.matchingStep(SEED, totp.code(SEED, now), now));
        assertEquals(OptionalLong.of(step - 1), totp.matchingStep(SEED, previous, now));
        assertEquals(OptionalLong.of(step + 1), totp.matchingStep(SEED, next, now));
    }

    @Test
    void aCodeTwoStepsAwayOrMalformedIsRefused() {
        var totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        assertEquals(OptionalLong.empty(), totp.matchingStep(SEED, totp.code(SEED, now.minusSeconds(60)), now));
        assertEquals(OptionalLong.empty(), totp.matchingStep(SEED, totp.code(SEED, now.plusSeconds(60)), now));
        assertEquals(OptionalLong.empty(), totp.matchingStep(SEED, "12345", now));
        assertEquals(OptionalLong.empty(), totp.matchingStep(SEED, "abcdef", now));
        assertEquals(OptionalLong.empty(), totp.matchingStep(SEED, "", now));
    }

    @Test
    void theSecretRoundTripsThroughBase32WithoutPadding() {
        String text = Totp.base32(SEED);
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", text);
        assertEquals(new String(SEED, StandardCharsets.US_ASCII), new String(Totp.fromBase32(text), StandardCharsets.US_ASCII));
    }
}

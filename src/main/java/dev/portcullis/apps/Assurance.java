package dev.portcullis.apps;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How strongly an app's requests and tokens are protected (docs/high-assurance.md).
 * {@code requirePar}: /authorize takes only pushed requests (RFC 9126 §5); {@code dpopBoundAccessTokens}:
 * its access tokens must be DPoP-bound (RFC 9449 §5.2); {@code profile}: a security profile whose
 * rules the app's settings must meet. The FAPI 2.0 profile implies the first two.
 */
public record Assurance(boolean requirePar, boolean dpopBoundAccessTokens, Profile profile) {
    public static final Assurance NONE = new Assurance(false, false, Profile.NONE);

    public Assurance {
        profile = profile == null ? Profile.NONE : profile;
        // FAPI 2.0 Security Profile §5.3.1.2 and §5.3.2.2: pushed requests and sender-constrained tokens, always.
        if (profile == Profile.FAPI2) {
            requirePar = true;
            dpopBoundAccessTokens = true;
        }
    }

    public boolean fapi2() {
        return profile == Profile.FAPI2;
    }

    /** A security profile an app opts into; its wire name is the metadata value {@code portcullis_security_profile}. */
    public enum Profile {
        NONE, FAPI2;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Profile> fromWire(String value) {
            return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
        }
    }
}

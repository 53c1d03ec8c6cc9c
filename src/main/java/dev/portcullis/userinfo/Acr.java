package dev.portcullis.userinfo;

import dev.portcullis.identity.LoginSession;
import java.util.List;
import java.util.Optional;

/**
 * Authentication Context Class Reference (OIDC Core §2 acr, §3.1.2.1 acr_values). Two levels,
 * named as Keycloak names its levels: "1", a single factor (a password), and "2", two factors
 * (a password and an authenticator, or a passkey with user verification: amr "mfa", {@link LoginSession#multiFactor(List)}). The ID token carries acr when the client asked,
 * by acr_values or the claims request: the first requested value the login satisfies, else the
 * login's own level. A request that accepts only "2" makes a single-factor session log in again
 * with both factors (step-up; docs/account-security.md).
 */
public final class Acr {
    /** A single factor: a password login. */
    public static final String PASSWORD = "1";
    /** Two factors: the password and an authenticator's code (or a recovery code or a passkey), or a passkey that verified the person. */
    public static final String MULTI_FACTOR = "2";
    public static final List<String> SUPPORTED = List.of(PASSWORD, MULTI_FACTOR);

    private Acr() {}

    /** The acr of the ID token for a login authenticated by {@code amr}; empty when neither {@code acrValues} nor the claims request asked for it. */
    public static Optional<String> answer(List<String> acrValues, ClaimsRequest claims, List<String> amr) {
        Optional<ClaimsRequest.Claim> requested = claims.inIdToken("acr");
        if (requested.isEmpty() && acrValues.isEmpty()) return Optional.empty();
        String level = LoginSession.multiFactor(amr) ? MULTI_FACTOR : PASSWORD;
        return Optional.of(wanted(acrValues, claims).stream().filter(v -> satisfies(level, v)).findFirst().orElse(level));
    }

    /** For a login whose way is not known: a single factor. */
    public static Optional<String> answer(List<String> acrValues, ClaimsRequest claims) {
        return answer(acrValues, claims, List.of());
    }

    /**
     * Whether the request accepts only the two-factor level: the values it names (the claims
     * request's acr values when given, else acr_values) include "2" and not "1".
     */
    public static boolean requiresMultiFactor(List<String> acrValues, ClaimsRequest claims) {
        List<String> wanted = wanted(acrValues, claims);
        return wanted.contains(MULTI_FACTOR) && !wanted.contains(PASSWORD);
    }

    /**
     * OIDC Core §5.5.1.1: acr requested as essential with values, none of which a login here can
     * reach. Logging in again would not help, so the authentication must fail.
     */
    public static boolean unsatisfiable(ClaimsRequest claims) {
        return claims.inIdToken("acr")
                .filter(c -> c.essential() && !c.values().isEmpty() && c.values().stream().noneMatch(SUPPORTED::contains))
                .isPresent();
    }

    private static List<String> wanted(List<String> acrValues, ClaimsRequest claims) {
        return claims.inIdToken("acr").map(ClaimsRequest.Claim::values).filter(v -> !v.isEmpty()).orElse(acrValues);
    }

    /** A two-factor login also meets the single-factor level. */
    private static boolean satisfies(String level, String value) {
        return value.equals(level) || (value.equals(PASSWORD) && level.equals(MULTI_FACTOR));
    }
}

package dev.portcullis.userinfo;

import java.util.List;
import java.util.Optional;

/**
 * Authentication Context Class Reference (OIDC Core §2 acr, §3.1.2.1 acr_values). A Portcullis
 * login is one password, a single factor: one level, named "1" as Keycloak names its password
 * level. The ID token carries acr when the client asked, by acr_values or the claims request:
 * the first requested value a login here satisfies, else that one level.
 */
public final class Acr {
    /** A password login, single factor. */
    public static final String PASSWORD = "1";
    public static final List<String> SUPPORTED = List.of(PASSWORD);

    private Acr() {}

    /** The acr of the ID token; empty when neither {@code acrValues} nor the claims request asked for it. */
    public static Optional<String> answer(List<String> acrValues, ClaimsRequest claims) {
        Optional<ClaimsRequest.Claim> requested = claims.inIdToken("acr");
        if (requested.isEmpty() && acrValues.isEmpty()) return Optional.empty();
        List<String> wanted = requested.map(ClaimsRequest.Claim::values).filter(v -> !v.isEmpty()).orElse(acrValues);
        return Optional.of(wanted.stream().filter(SUPPORTED::contains).findFirst().orElse(PASSWORD));
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
}

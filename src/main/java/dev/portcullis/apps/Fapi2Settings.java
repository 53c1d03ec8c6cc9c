package dev.portcullis.apps;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import java.util.Optional;
import java.util.Set;

/**
 * What the FAPI 2.0 Security Profile (final) asks of an app's own settings, checked when they are
 * saved so a FAPI 2.0 app cannot be stored weaker: private_key_jwt with registered keys (§5.3.2.1),
 * PS256 or ES256 for every signature (§5.4.1), no implicit response types (§5.3.1.2).
 */
final class Fapi2Settings {
    static final Set<String> ALGORITHMS = Set.of("PS256", "ES256");
    private static final String ALGS = "PS256 or ES256";

    private Fapi2Settings() {}

    static void check(AuthMethod authMethod, Set<GrantType> grantTypes, ClientKeys keys, String idTokenAlg,
                      Optional<String> userinfoAlg) {
        require(authMethod == AuthMethod.PRIVATE_KEY_JWT, "token_endpoint_auth_method",
                "A FAPI 2.0 app must authenticate with private_key_jwt (client secrets and public clients are refused)");
        require(keys.hasKeys(), "jwks", "A FAPI 2.0 app needs its public keys: jwks or jwks_uri");
        require(keys.signingAlg().filter(ALGORITHMS::contains).isPresent(), "token_endpoint_auth_signing_alg",
                "A FAPI 2.0 app must register token_endpoint_auth_signing_alg " + ALGS);
        require(ALGORITHMS.contains(idTokenAlg), "id_token_signed_response_alg",
                "A FAPI 2.0 app's ID tokens must be signed with " + ALGS + ", not " + idTokenAlg);
        require(userinfoAlg.map(ALGORITHMS::contains).orElse(true), "userinfo_signed_response_alg",
                "A FAPI 2.0 app's UserInfo must be signed with " + ALGS);
        require(!grantTypes.contains(GrantType.IMPLICIT), "grant_types",
                "A FAPI 2.0 app uses response_type=code only; remove the implicit grant");
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) throw OAuthException.validation(field, message);
    }
}

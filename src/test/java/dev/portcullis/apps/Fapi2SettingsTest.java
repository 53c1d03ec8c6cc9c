package dev.portcullis.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A FAPI 2.0 app cannot be saved weaker than the profile: each rule refused with the field at fault. */
class Fapi2SettingsTest {
    static final Assurance FAPI2 = new Assurance(false, false, Assurance.Profile.FAPI2);
    static final ClientKeys KEYS = keys(Optional.of("PS256"));

    static ClientKeys keys(Optional<String> alg) {
        try {
            var jwks = new JWKSet(new RSAKeyGenerator(2048).keyID("k").generate().toPublicJWK()).toString(true);
            return new ClientKeys(Optional.of(jwks), Optional.empty(), alg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AppSettings settings(AuthMethod method, ClientKeys keys, String idTokenAlg, Assurance assurance) {
        return new AppSettings("Bank", "", Optional.empty(), true, method, EnumSet.of(GrantType.AUTHORIZATION_CODE),
                List.of("openid"), List.of(), AccessTokenFormat.OPAQUE, new Lifetime.Default(), idTokenAlg, false, keys,
                Optional.empty(), Optional.empty(), Optional.empty(), assurance);
    }

    static String refusedField(Runnable build) {
        OAuthException e = assertThrows(OAuthException.class, build::run);
        return ((Failure.Validation) e.error()).field() + ": " + e.error().description();
    }

    @Test
    void fapi2AppImpliesParAndDpopBinding() {
        AppSettings ok = settings(AuthMethod.PRIVATE_KEY_JWT, KEYS, "PS256", FAPI2);
        assertTrue(ok.assurance().requirePar());
        assertTrue(ok.assurance().dpopBoundAccessTokens());
    }

    @Test
    void fapi2AppWithClientSecretIsRefused() {
        String refused = refusedField(() -> settings(AuthMethod.CLIENT_SECRET_BASIC, ClientKeys.NONE, "PS256", FAPI2));
        assertTrue(refused.startsWith("token_endpoint_auth_method: "), refused);
        assertTrue(refused.contains("private_key_jwt"), refused);
    }

    @Test
    void fapi2AppWithoutKeysIsRefused() {
        String refused = refusedField(() -> settings(AuthMethod.PRIVATE_KEY_JWT, ClientKeys.NONE, "PS256", FAPI2));
        assertTrue(refused.startsWith("jwks: "), refused);
    }

    @Test
    void fapi2AppWithRs256IdTokensIsRefused() {
        String refused = refusedField(() -> settings(AuthMethod.PRIVATE_KEY_JWT, KEYS, "RS256", FAPI2));
        assertEquals("id_token_signed_response_alg: A FAPI 2.0 app's ID tokens must be signed with PS256 or ES256, not RS256", refused);
    }

    @Test
    void fapi2AppWithoutAPs256OrEs256AssertionAlgorithmIsRefused() {
        String none = refusedField(() -> settings(AuthMethod.PRIVATE_KEY_JWT, keys(Optional.empty()), "ES256", FAPI2));
        assertTrue(none.startsWith("token_endpoint_auth_signing_alg: "), none);
        String rs256 = refusedField(() -> settings(AuthMethod.PRIVATE_KEY_JWT, keys(Optional.of("RS256")), "ES256", FAPI2));
        assertTrue(rs256.startsWith("token_endpoint_auth_signing_alg: "), rs256);
    }

    @Test
    void ordinaryAppMayUsePs256IdTokensAndRequirePar() {
        AppSettings ok = settings(AuthMethod.NONE, ClientKeys.NONE, "PS256", new Assurance(true, false, Assurance.Profile.NONE));
        assertEquals("PS256", ok.idTokenAlg());
        assertTrue(ok.assurance().requirePar());
    }
}

package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A new user signs in to the shared flow test's confidential client with extra authorization
 * parameters (claims, acr_values): the redirect it ends on, or the validated tokens.
 */
final class SignIn {
    private SignIn() {}

    /** Where the flow ended (the client's redirect URI with a code or an error), and how it started. */
    record Ended(URI redirect, AuthorizationCodeFlowTest.Started started) {}

    static Ended redirect(Scope scope, Map<String, String> extra) {
        var flow = AuthorizationCodeFlowTest.newUser(true);
        var started = AuthorizationCodeFlowTest.request(AuthorizationCodeFlowTest.basicId, scope, true);
        StringBuilder url = new StringBuilder(started.url().toString());
        extra.forEach((name, value) -> url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return new Ended(flow.authorize(URI.create(url.toString()), true), started);
    }

    /** The token response of a successful flow; its ID token is validated against the JWKS, nonce included. */
    static OIDCTokenResponse tokens(Scope scope, Map<String, String> extra) throws Exception {
        Ended ended = redirect(scope, extra);
        var code = AuthorizationCodeFlowTest.code(ended.redirect(), ended.started().state());
        var response = AuthorizationCodeFlowTest.exchange(
                new ClientSecretBasic(AuthorizationCodeFlowTest.basicId, AuthorizationCodeFlowTest.basicSecret),
                new AuthorizationCodeGrant(code, AuthorizationCodeFlowTest.CALLBACK, ended.started().verifier()));
        assertTrue(response.indicatesSuccess(), () -> AuthorizationCodeFlowTest.error(response).toString());
        var ok = (OIDCTokenResponse) response.toSuccessResponse();
        validator().validate(ok.getOIDCTokens().getIDToken(), ended.started().nonce());
        return ok;
    }

    /** Validates RS256 ID tokens of the flow test's confidential client against the JWKS as it is now. */
    static IDTokenValidator validator() throws Exception {
        return new IDTokenValidator(new Issuer(AuthorizationCodeFlowTest.issuer), AuthorizationCodeFlowTest.basicId,
                JWSAlgorithm.RS256, new URL(AuthorizationCodeFlowTest.server.uri("/oauth2/jwks").toString()));
    }

    static String kidOf(OIDCTokenResponse response) {
        return ((SignedJWT) response.getOIDCTokens().getIDToken()).getHeader().getKeyID();
    }
}

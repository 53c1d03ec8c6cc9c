package dev.portcullis.web.accountsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSetRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;

/** What an app learns of a user's email through the real code flow: the ID token's and userinfo's {@code email_verified}. */
final class OidcClaims {
    static final URI CALLBACK = URI.create("http://127.0.0.1:3050/callback");

    record EmailVerified(boolean idToken, boolean userinfo) {}

    private final TestServer server;
    private final ClientID client;
    private final Secret secret;

    OidcClaims(TestServer server) {
        this.server = server;
        var created = server.portcullis().apps().create(dev.portcullis.events.Actor.system(), Optional.empty(), AppSettings.defaults("Mail reader", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(CALLBACK.toString()))).withScopes(List.of("openid", "email")));
        this.client = new ClientID(created.app().clientId());
        this.secret = new Secret(created.clientSecret().orElseThrow());
    }

    /** The authorization URL for {@code openid email}, as the app would send the browser. */
    URI authorizeUrl(State state, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email"), client, CALLBACK)
                .endpointURI(server.uri("/oauth2/authorize")).state(state).nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                // OIDC Core §5.5: the claims parameter asks for email_verified in the ID token too.
                .claims(new OIDCClaimsRequest().withIDTokenClaimsRequest(new ClaimsSetRequest().add("email_verified")))
                .build().toURI();
    }

    /** Signs in through /authorize with {@code browser} (consenting) and reads both claims. */
    EmailVerified read(Browser browser, String email, String password) throws Exception {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = new OAuthFlow(browser, email, password).authorize(authorizeUrl(state, verifier), true);
        var response = AuthorizationResponse.parse(redirect);
        assertTrue(response.indicatesSuccess(), redirect.toString());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        var tokens = OIDCTokenResponseParser.parse(new TokenRequest(server.uri("/oauth2/token"), new ClientSecretBasic(client, secret),
                new AuthorizationCodeGrant(code, CALLBACK, verifier), null).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), tokens.toString());
        var oidc = (OIDCTokenResponse) tokens;
        Boolean inIdToken = ((SignedJWT) oidc.getOIDCTokens().getIDToken()).getJWTClaimsSet().getBooleanClaim("email_verified");
        assertTrue(inIdToken != null, "the ID token carries email_verified when asked");
        var userinfo = server.send(HttpRequest.newBuilder(server.uri("/oauth2/userinfo"))
                .header("Authorization", "Bearer " + oidc.getOIDCTokens().getAccessToken().getValue()).GET().build());
        assertEquals(200, userinfo.statusCode(), userinfo.body());
        JsonNode claims = Json.MAPPER.readTree(userinfo.body());
        assertEquals(email, claims.get("email").asText());
        return new EmailVerified(inIdToken, claims.get("email_verified").asBoolean());
    }
}

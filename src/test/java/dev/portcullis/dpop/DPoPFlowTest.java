package dev.portcullis.dpop;

import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.GrantSuite;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.UserTokens;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.portcullis.support.Db;

/**
 * DPoP (RFC 9449) through the whole authorization code flow of a public client: the Nimbus SDK's
 * DPoPProofFactory makes every proof; tokens come back bound to the key and work only with it.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DPoPFlowTest extends GrantSuite {
    static final URI CALLBACK = URI.create("http://127.0.0.1:3050/callback");

    ClientID client;
    DPoPClient holder;

    @BeforeEach
    void publicClient() {
        var settings = AppSettings.defaults("Agent", AuthMethod.NONE).withRedirectUris(List.of(new RedirectUri(CALLBACK.toString())))
                .withScopes(List.of("openid", "profile", "offline_access", "task:read"));
        client = new ClientID(server.portcullis().apps().create(Actor.system(), Optional.empty(), settings).app().clientId());
        holder = new DPoPClient(server);
    }

    record Code(AuthorizationCode code, CodeVerifier verifier) {}

    /** A new user signs in and approves; {@code extra} is appended to the authorization request. */
    Code authorize(String extra) throws Exception {
        Browser browser = new Browser(server);
        String email = "dpop-" + System.nanoTime() + "@example.com";
        browser.signUp("Ada Lovelace", email, UserTokens.PASSWORD);
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        URI url = new AuthorizationRequest.Builder(ResponseType.CODE, client).scope(new Scope("openid", "profile", "offline_access"))
                .redirectionURI(CALLBACK).endpointURI(server.uri("/oauth2/authorize")).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        URI redirect = new OAuthFlow(browser, email, UserTokens.PASSWORD).authorize(URI.create(url + extra), true);
        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertTrue(response.indicatesSuccess(), redirect.toString());
        return new Code(response.toSuccessResponse().getAuthorizationCode(), verifier);
    }

    /** The code exchange as the Nimbus SDK sends it, with {@code proofs}' proof in the DPoP header. */
    TokenResponse exchange(Code code, DPoPClient proofs) throws Exception {
        var request = new TokenRequest(server.uri("/oauth2/token"), client, new AuthorizationCodeGrant(code.code(), CALLBACK,
                code.verifier()), null).toHTTPRequest();
        request.setDPoP(SignedJWT.parse(proofs.proof("POST", "/oauth2/token", null, null)));
        return OIDCTokenResponseParser.parse(request.send());
    }

    HttpResponse<String> refresh(String refreshToken, DPoPClient proofs) {
        return proofs.token(null, params("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", client.getValue()),
                proofs.proof("POST", "/oauth2/token", null, null));
    }

    @Test
    void flowWhenProofsSentThenBoundTokensCallV2AndUserinfoAndRefreshWithTheSameKey() throws Exception {
        TokenResponse response = exchange(authorize(""), holder);
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        var tokens = response.toSuccessResponse().getTokens();
        var access = assertInstanceOf(DPoPAccessToken.class, tokens.getAccessToken(), "token_type DPoP");

        HttpResponse<String> self = holder.call("/v2/self", access.getValue());
        assertEquals(200, self.statusCode(), self.body());
        assertEquals("DPoP", json(self).get("token_type").asText());
        assertEquals(holder.thumbprint(), json(self).get("cnf").get("jkt").asText());
        HttpResponse<String> userinfo = holder.call("/oauth2/userinfo", access.getValue());
        assertEquals(200, userinfo.statusCode(), userinfo.body());
        assertEquals("Ada Lovelace", json(userinfo).get("name").asText());

        HttpResponse<String> refreshed = refresh(tokens.getRefreshToken().getValue(), holder);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonNode body = json(refreshed);
        assertEquals("DPoP", body.get("token_type").asText());
        assertEquals(200, holder.call("/v2/self", body.get("access_token").asText()).statusCode());
        HttpResponse<String> again = refresh(body.get("refresh_token").asText(), holder);
        assertEquals(200, again.statusCode(), "the rotated refresh token stays bound to the same key: " + again.body());
    }

    @Test
    void refreshWhenProofOfAnotherKeyOrNoneThenInvalidGrantAndNothingSpent() throws Exception {
        var tokens = exchange(authorize(""), holder).toSuccessResponse().getTokens();
        String refreshToken = tokens.getRefreshToken().getValue();

        HttpResponse<String> stolen = refresh(refreshToken, new DPoPClient(server));
        assertEquals(400, stolen.statusCode(), stolen.body());
        assertEquals("invalid_grant", json(stolen).get("error").asText());
        HttpResponse<String> bare = holder.token(null, params("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", client.getValue()), null);
        assertEquals(400, bare.statusCode(), bare.body());
        assertEquals("invalid_grant", json(bare).get("error").asText());

        HttpResponse<String> owner = refresh(refreshToken, holder);
        assertEquals(200, owner.statusCode(), "the refused attempts issued nothing and spent nothing: " + owner.body());
    }

    @Test
    void boundTokenWhenSentAsBearerThen401WithADpopChallenge() throws Exception {
        String access = exchange(authorize(""), holder).toSuccessResponse().getTokens().getAccessToken().getValue();
        for (String path : List.of("/v2/self", "/oauth2/userinfo")) {
            HttpResponse<String> res = holder.get(path, "Bearer " + access, null);
            assertEquals(401, res.statusCode(), path + ": " + res.body());
            String challenge = res.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("DPoP "), challenge);
            assertTrue(challenge.contains("error=\"invalid_token\""), challenge);
            assertTrue(challenge.contains("algs=\"") && challenge.contains("ES256"), challenge);
            HttpResponse<String> noProof = holder.get(path, "DPoP " + access, null);
            assertEquals(401, noProof.statusCode(), path + ": " + noProof.body());
            assertTrue(noProof.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_dpop_proof\""));
        }
    }

    @Test
    void resourceWhenAthOfAnotherTokenOrProofOfAnotherKeyThen401InvalidDpopProof() throws Exception {
        String access = exchange(authorize(""), holder).toSuccessResponse().getTokens().getAccessToken().getValue();
        HttpResponse<String> wrongAth = holder.get("/v2/self", "DPoP " + access, holder.proof("GET", "/v2/self", access + "x", null));
        assertEquals(401, wrongAth.statusCode(), wrongAth.body());
        assertEquals("invalid_dpop_proof", json(wrongAth).get("code").asText());
        assertTrue(wrongAth.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_dpop_proof\""));

        DPoPClient thief = new DPoPClient(server);
        HttpResponse<String> otherKey = thief.get("/v2/self", "DPoP " + access, thief.proof("GET", "/v2/self", access, null));
        assertEquals(401, otherKey.statusCode(), otherKey.body());
        assertEquals("invalid_dpop_proof", json(otherKey).get("code").asText());

        HttpResponse<String> otherRoute = holder.get("/v2/self", "DPoP " + access, holder.proof("GET", "/oauth2/userinfo", access, null));
        assertEquals(401, otherRoute.statusCode(), "htu of another resource: " + otherRoute.body());
    }

    @Test
    void codeWhenDpopJktNamedThenOnlyAProofByThatKeyRedeemsIt() throws Exception {
        TokenResponse other = exchange(authorize("&dpop_jkt=" + holder.thumbprint()), new DPoPClient(server));
        assertEquals("invalid_grant", other.toErrorResponse().getErrorObject().getCode());

        TokenResponse owner = exchange(authorize("&dpop_jkt=" + holder.thumbprint()), holder);
        assertTrue(owner.indicatesSuccess(), () -> owner.toErrorResponse().getErrorObject().toString());
        assertInstanceOf(DPoPAccessToken.class, owner.toSuccessResponse().getTokens().getAccessToken());
    }

    @Test
    void codeWhenNoProofThenBearerTokensAsBefore() throws Exception {
        Code code = authorize("");
        var request = new TokenRequest(server.uri("/oauth2/token"), client, new AuthorizationCodeGrant(code.code(), CALLBACK,
                code.verifier()), null).toHTTPRequest();
        TokenResponse response = OIDCTokenResponseParser.parse(request.send());
        var access = response.toSuccessResponse().getTokens().getAccessToken();
        assertNotEquals(DPoPAccessToken.class, access.getClass());
        assertEquals(200, holder.get("/v2/self", "Bearer " + access.getValue(), null).statusCode());
        HttpResponse<String> asDpop = holder.call("/v2/self", access.getValue());
        assertEquals(401, asDpop.statusCode(), "the DPoP scheme is for bound tokens only: " + asDpop.body());
    }
}

package dev.portcullis.revoke;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.http.Json;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 7009 revocation on both databases: what dies, what cascades, and what is left alone. */
@ParameterizedClass
@EnumSource(Db.class)
class RevocationHttpTest {
    static final String[] SCOPES = {"offline_access", "openid", "object_configuration:read"};

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens tokens;
    static UserTokens.Member ada;
    static UserTokens.Client app;
    static UserTokens.Client jwtApp;
    static UserTokens.Client other;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        ada = tokens.member("Ada Lovelace");
        app = tokens.app(SCOPES);
        jwtApp = tokens.app(AccessTokenFormat.JWT, new Lifetime.Default(), false, SCOPES);
        other = tokens.app(SCOPES);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static HttpResponse<String> revoke(UserTokens.Client client, Map<String, String> params) {
        return oauth.post("/oauth/revoke", basic(client.id(), client.secret()), form(params));
    }

    static void assertRevokeOk(UserTokens.Client client, String token) {
        HttpResponse<String> res = revoke(client, params("token", token));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("", res.body());
    }

    /** The /v2 status for a bearer; a 200 also puts the credential in the resolver's cache. */
    static int api(String token) {
        return oauth.getWithBearer("/v2/objects", token).statusCode();
    }

    static boolean activeFor(UserTokens.Client client, String token) {
        HttpResponse<String> res = oauth.post("/oauth2/introspect", basic(client.id(), client.secret()), form(params("token", token)));
        return OAuthClient.json(res).get("active").asBoolean();
    }

    @Test
    void revokingAnAccessTokenKillsItAtOnceAndLeavesItsRefreshToken() {
        var issued = tokens.issue(ada, app, SCOPES);
        assertEquals(200, api(issued.accessToken()), "cached now");
        assertRevokeOk(app, issued.accessToken());
        assertEquals(401, api(issued.accessToken()), "evicted: refused at once");
        assertFalse(activeFor(app, issued.accessToken()));
        assertTrue(activeFor(app, issued.refreshToken().orElseThrow()));
    }

    @Test
    void revokingAJwtAccessTokenDeletesItsRow() {
        var issued = tokens.issue(ada, jwtApp, SCOPES);
        assertEquals(200, api(issued.accessToken()));
        HttpResponse<String> res = oauth.post("/oauth2/revoke", basic(jwtApp.id(), jwtApp.secret()),
                form(params("token", issued.accessToken(), "token_type_hint", "access_token")));
        assertEquals(200, res.statusCode());
        assertEquals(401, api(issued.accessToken()));
        assertFalse(activeFor(jwtApp, issued.accessToken()));
    }

    @Test
    void revokingARefreshTokenRevokesItsWholeFamily() throws Exception {
        var issued = tokens.issue(ada, app, SCOPES);
        String refresh = issued.refreshToken().orElseThrow();
        assertEquals(200, api(issued.accessToken()), "cached now");
        // A hint naming the wrong kind only orders the search (RFC 7009 §2.1).
        HttpResponse<String> res = revoke(app, params("token", refresh, "token_type_hint", "access_token"));
        assertEquals(200, res.statusCode());
        assertEquals(401, api(issued.accessToken()), "the family's access token died with it, on this instance at once");
        assertFalse(activeFor(app, refresh));
        HttpResponse<String> spent = oauth.token(basic(app.id(), app.secret()),
                params("grant_type", "refresh_token", "refresh_token", refresh));
        assertEquals(400, spent.statusCode());
        assertEquals("invalid_grant", Json.MAPPER.readTree(spent.body()).get("error").asText());
        long grants = server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM grants WHERE id = ?",
                issued.grantId()));
        assertEquals(0L, grants);
        long connections = server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM connections WHERE id = ?", issued.connection().id()));
        assertEquals(1L, connections, "consent is remembered: revoking tokens is not disconnecting");
    }

    @Test
    void revokeWhenTokenOfAnotherClientThenUnauthorizedClientAndTokenStaysActive() throws Exception {
        var issued = tokens.issue(ada, app, SCOPES);
        for (String token : new String[] {issued.accessToken(), issued.refreshToken().orElseThrow()}) {
            HttpResponse<String> res = revoke(other, params("token", token));
            assertEquals(400, res.statusCode(), res.body());
            JsonNode body = Json.MAPPER.readTree(res.body());
            assertEquals("unauthorized_client", body.get("error").asText());
            assertEquals(400, body.get("status_code").asInt());
            assertEquals("unauthorized_client", body.get("code").asText());
            assertEquals("invalid_request_error", body.get("type").asText());
            assertTrue(body.get("message").asText().contains("not issued to this client"));
            assertFalse(res.body().contains(app.id()), "the owner is not named");
        }
        assertEquals(200, api(issued.accessToken()));
        assertTrue(activeFor(app, issued.accessToken()));
        assertTrue(activeFor(app, issued.refreshToken().orElseThrow()));
    }

    @Test
    void revokeWhenJwtOfAnotherClientThenUnauthorizedClient() throws Exception {
        var issued = tokens.issue(ada, jwtApp, SCOPES);
        HttpResponse<String> res = revoke(other, params("token", issued.accessToken()));
        assertEquals(400, res.statusCode());
        assertEquals("unauthorized_client", Json.MAPPER.readTree(res.body()).get("error").asText());
        assertTrue(activeFor(jwtApp, issued.accessToken()));
    }

    @Test
    void revokeWhenAnotherClientsTokenIsAlreadyRevokedThen200() {
        var issued = tokens.issue(ada, app, SCOPES);
        assertRevokeOk(app, issued.refreshToken().orElseThrow());
        assertRevokeOk(other, issued.accessToken());
        assertRevokeOk(other, issued.refreshToken().orElseThrow());
    }

    @Test
    void unknownMalformedOrApiKeyTokensGet200AndNothingChanges() {
        var fixture = new ApiKeyFixture(server.portcullis().database());
        var key = fixture.apiKey(fixture.workspace("revoke-" + db.name().toLowerCase()), "object_configuration:read");
        var random = new SecureRandom();
        for (String token : new String[] {"garbage", "a.b.c", Token.mint(TokenKind.ACCESS_TOKEN, random).value(),
            Token.mint(TokenKind.REFRESH_TOKEN, random).value(), key.secret()}) {
            assertRevokeOk(app, token);
        }
        assertEquals(200, api(key.secret()), "a client cannot revoke an API key");
    }

    @Test
    void missingClientAuthenticationOrTokenIsAnError() throws Exception {
        var issued = tokens.issue(ada, app, SCOPES);
        HttpResponse<String> noClient = oauth.post("/oauth/revoke", null, form(params("token", issued.accessToken())));
        assertEquals(401, noClient.statusCode());
        JsonNode body = Json.MAPPER.readTree(noClient.body());
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals(401, body.get("status_code").asInt());
        HttpResponse<String> wrongSecret = oauth.post("/oauth2/revoke", basic(app.id(), "nope"), form(params("token", issued.accessToken())));
        assertEquals(401, wrongSecret.statusCode());
        assertEquals(200, api(issued.accessToken()), "a failed revocation revokes nothing");
        HttpResponse<String> noToken = revoke(app, params());
        assertEquals(400, noToken.statusCode());
        assertEquals("invalid_request", Json.MAPPER.readTree(noToken.body()).get("error").asText());
    }
}

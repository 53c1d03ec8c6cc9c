package dev.portcullis.token;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The token endpoint's client authentication and the client_credentials grant, on both databases. */
@ParameterizedClass
@EnumSource(Db.class)
class ClientCredentialsTest {
    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static String basicId;
    static String basicSecret;
    static String postId;
    static String postSecret;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        var apps = server.portcullis().apps();
        var basicApp = apps.create(Actor.system(), Optional.empty(), settings(AuthMethod.CLIENT_SECRET_BASIC));
        basicId = basicApp.app().clientId();
        basicSecret = basicApp.clientSecret().orElseThrow();
        var postApp = apps.create(Actor.system(), Optional.empty(), settings(AuthMethod.CLIENT_SECRET_POST));
        postId = postApp.app().clientId();
        postSecret = postApp.clientSecret().orElseThrow();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static AppSettings settings(AuthMethod method) {
        var base = AppSettings.defaults("Worker", method).withScopes(List.of("task:read", "note:read", "openid"));
        return new AppSettings(base.name(), "", Optional.empty(), true, method, EnumSet.of(GrantType.CLIENT_CREDENTIALS),
                base.scopes(), List.of(), base.accessTokenFormat(), base.accessTokenLifetime(), "RS256", false);
    }

    @Test
    void basicAuthThenOpaqueTokenWithoutRefreshAndNoStore() throws Exception {
        HttpResponse<String> res = oauth.token(basic(basicId, basicSecret), params("grant_type", "client_credentials"));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = Json.MAPPER.readTree(res.body());
        String token = body.get("access_token").asText();
        assertTrue(token.startsWith("pc_at_"));
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asInt());
        assertEquals("task:read note:read", body.get("scope").asText(), "user scopes are left out without a user");
        assertFalse(body.has("refresh_token"));
        assertFalse(body.has("id_token"));
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("no-cache", res.headers().firstValue("Pragma").orElseThrow());
        long stored = server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM access_tokens WHERE token_hash = ?", SecretHash.of(token).hex()));
        assertEquals(1L, stored, "only the hash is stored");
        long raw = server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM access_tokens WHERE token_hash = ?", token));
        assertEquals(0L, raw);
    }

    @Test
    void postAuthAndJsonBodyAndNarrowerScope() throws Exception {
        HttpResponse<String> res = oauth.postJson("/oauth2/token", null,
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + postId + "\",\"client_secret\":\"" + postSecret
                        + "\",\"scope\":\"note:read\"}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("note:read", Json.MAPPER.readTree(res.body()).get("scope").asText());
    }

    @Test
    void wrongSecretThenInvalidClientWithBasicChallenge() throws Exception {
        HttpResponse<String> res = oauth.token(basic(basicId, basicSecret + "x"), params("grant_type", "client_credentials"));
        assertEquals(401, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals(401, body.get("status_code").asInt());
        assertEquals("invalid_client", body.get("code").asText());
        assertFalse(res.body().contains(basicSecret), "no secret in an error");
    }

    @Test
    void wrongSecretByPostThenInvalidClientWithoutBasicChallenge() {
        HttpResponse<String> res = oauth.token(null, params("grant_type", "client_credentials", "client_id", postId,
                "client_secret", "nope"));
        assertEquals(401, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").isEmpty());
    }

    @Test
    void secretByPostForABasicAppAndByBasicForAPostAppAreAccepted() throws Exception {
        HttpResponse<String> post = oauth.token(null, params("grant_type", "client_credentials", "client_id", basicId,
                "client_secret", basicSecret));
        assertEquals(200, post.statusCode(), post.body());
        assertTrue(Json.MAPPER.readTree(post.body()).get("access_token").asText().startsWith("pc_at_"));
        HttpResponse<String> basic = oauth.token(basic(postId, postSecret), params("grant_type", "client_credentials"));
        assertEquals(200, basic.statusCode(), basic.body());
    }

    @Test
    void confidentialAppWithoutCredentialsThenInvalidClient() throws Exception {
        HttpResponse<String> none = oauth.token(null, params("grant_type", "client_credentials", "client_id", basicId));
        assertEquals(401, none.statusCode());
        assertEquals("invalid_client", Json.MAPPER.readTree(none.body()).get("error").asText());
        assertTrue(none.headers().firstValue("WWW-Authenticate").isEmpty(), "no Basic challenge when Basic was not used");
        HttpResponse<String> postApp = oauth.token(null, params("grant_type", "client_credentials", "client_id", postId));
        assertEquals(401, postApp.statusCode());
    }

    @Test
    void wrongSecretTheOtherWayThenInvalidClient() throws Exception {
        HttpResponse<String> byBasic = oauth.token(basic(postId, postSecret + "x"), params("grant_type", "client_credentials"));
        assertEquals(401, byBasic.statusCode());
        assertTrue(byBasic.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        assertEquals("invalid_client", Json.MAPPER.readTree(byBasic.body()).get("error").asText());
        HttpResponse<String> byPost = oauth.token(null, params("grant_type", "client_credentials", "client_id", basicId,
                "client_secret", basicSecret + "x"));
        assertEquals(401, byPost.statusCode());
        assertTrue(byPost.headers().firstValue("WWW-Authenticate").isEmpty());
        HttpResponse<String> otherAppsSecret = oauth.token(basic(postId, basicSecret), params("grant_type", "client_credentials"));
        assertEquals(401, otherAppsSecret.statusCode(), "a secret is only its own app's");
    }

    @Test
    void secretForAPublicAppThenInvalidClient() {
        var apps = server.portcullis().apps();
        String publicId = apps.create(Actor.system(), Optional.empty(), AppSettings.defaults("Agent", AuthMethod.NONE)).app().clientId();
        HttpResponse<String> res = oauth.token(basic(publicId, basicSecret), params("grant_type", "refresh_token",
                "refresh_token", "x"));
        assertEquals(401, res.statusCode());
        assertTrue(res.body().contains("none"));
    }

    @Test
    void twoMethodsAtOnceThenInvalidClient() {
        HttpResponse<String> res = oauth.token(basic(basicId, basicSecret), params("grant_type", "client_credentials",
                "client_secret", basicSecret));
        assertEquals(401, res.statusCode());
        assertTrue(res.body().contains("one client authentication method"));
    }

    @Test
    void unknownClientAndMalformedBasicThenInvalidClient() {
        assertEquals(401, oauth.token(basic("nobody", "x"), params("grant_type", "client_credentials")).statusCode());
        assertEquals(401, oauth.token("Basic %%%notbase64", params("grant_type", "client_credentials")).statusCode());
        assertEquals(401, oauth.token("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
                params("grant_type", "client_credentials")).statusCode());
    }

    @Test
    void unknownOrMissingGrantTypeAndGrantNotAllowed() throws Exception {
        var unknown = oauth.token(basic(basicId, basicSecret), params("grant_type", "password"));
        assertEquals(400, unknown.statusCode());
        assertEquals("unsupported_grant_type", Json.MAPPER.readTree(unknown.body()).get("error").asText());
        var missing = oauth.token(basic(basicId, basicSecret), params("scope", "x"));
        assertEquals("invalid_request", Json.MAPPER.readTree(missing.body()).get("error").asText());
        var notAllowed = oauth.token(basic(basicId, basicSecret), params("grant_type", "refresh_token", "refresh_token", "x"));
        assertEquals(400, notAllowed.statusCode());
        assertEquals("unauthorized_client", Json.MAPPER.readTree(notAllowed.body()).get("error").asText());
    }

    @Test
    void scopeOutsideTheAppThenInvalidScope() throws Exception {
        var res = oauth.token(basic(basicId, basicSecret), params("grant_type", "client_credentials", "scope", "task:read-write"));
        assertEquals(400, res.statusCode());
        assertEquals("invalid_scope", Json.MAPPER.readTree(res.body()).get("error").asText());
        var userScope = oauth.token(basic(basicId, basicSecret), params("grant_type", "client_credentials", "scope", "openid"));
        assertEquals("invalid_scope", Json.MAPPER.readTree(userScope.body()).get("error").asText());
    }

    @Test
    void repeatedParameterThenInvalidRequest() throws Exception {
        var res = oauth.post("/oauth/token", basic(basicId, basicSecret), "grant_type=client_credentials&scope=a&scope=b");
        assertEquals(400, res.statusCode());
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertEquals("invalid_request", body.get("error").asText());
        assertTrue(body.get("error_description").asText().contains("scope"));
    }

    @Test
    void disabledAppThenInvalidClient() {
        var apps = server.portcullis().apps();
        var created = apps.create(Actor.system(), Optional.empty(), settings(AuthMethod.CLIENT_SECRET_BASIC).withOAuthEnabled(false));
        var res = oauth.token(basic(created.app().clientId(), created.clientSecret().orElseThrow()),
                params("grant_type", "client_credentials"));
        assertEquals(401, res.statusCode());
    }
}

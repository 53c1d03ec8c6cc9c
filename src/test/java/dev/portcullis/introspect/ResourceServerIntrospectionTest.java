package dev.portcullis.introspect;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.ServerLog;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 7662 §2.1: a protected resource authorizes its introspection call with its own access token
 * ({@code Authorization: Bearer}) and asks about another in {@code token}; only a resource-server
 * app's token may. And what the operator's log says when a client that is not one asks.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ResourceServerIntrospectionTest {
    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens tokens;
    static UserTokens.Member ada;
    static UserTokens.Client app;
    static UserTokens.Client resourceServer;
    static UserTokens.Client jwtResourceServer;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(TestServer.configFor(TestDatabases.fresh(db)));
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        ada = tokens.member("Ada Lovelace");
        app = tokens.app("offline_access", "task:read");
        resourceServer = tokens.app(AccessTokenFormat.OPAQUE, new Lifetime.Default(), true, "task:read");
        jwtResourceServer = tokens.app(AccessTokenFormat.JWT, new Lifetime.Default(), true, "task:read");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static String clientCredentials(UserTokens.Client client) {
        HttpResponse<String> res = oauth.token(basic(client.id(), client.secret()), params("grant_type", "client_credentials"));
        assertEquals(200, res.statusCode(), res.body());
        return json(res).get("access_token").asText();
    }

    static HttpResponse<String> introspectWithBearer(String bearer, String token) {
        return oauth.post("/oauth2/introspect", "Bearer " + bearer, form(params("token", token)));
    }

    static void assertInvalidToken(HttpResponse<String> res, String... secrets) {
        assertEquals(401, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("invalid_token", body.get("error").asText());
        assertEquals(401, body.get("status_code").asInt());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        for (String secret : secrets) assertFalse(res.body().contains(secret), "no token is echoed");
    }

    @Test
    void resourceServerBearerThenItSeesAnotherAppsTokenWithSubTheUser() {
        var issued = tokens.issue(ada, app, "task:read");
        for (String bearer : List.of(clientCredentials(resourceServer), clientCredentials(jwtResourceServer))) {
            HttpResponse<String> res = introspectWithBearer(bearer, issued.accessToken());
            assertEquals(200, res.statusCode(), res.body());
            JsonNode body = json(res);
            assertTrue(body.get("active").asBoolean());
            assertEquals(app.id(), body.get("client_id").asText());
            assertEquals(ada.user().id(), body.get("sub").asText(), "an RFC 7662 answer");
            assertEquals(ada.workspace().id(), body.get("workspace_id").asText());
            assertEquals(json(oauth.post("/oauth2/introspect", basic(resourceServer.id(), resourceServer.secret()),
                    form(params("token", issued.accessToken())))), body, "as if it had authenticated with its secret");
        }
    }

    @Test
    void resourceServerBearerSeesApiKeysButNotAnotherClientsRefreshToken() {
        var fixture = new ApiKeyFixture(server.portcullis().database());
        var key = fixture.apiKey(fixture.workspace("rs-" + db.name().toLowerCase()), "task:read");
        String bearer = clientCredentials(resourceServer);
        JsonNode apiKey = json(introspectWithBearer(bearer, key.secret()));
        assertTrue(apiKey.get("active").asBoolean());
        assertEquals(key.workspaceId(), apiKey.get("sub").asText());
        String refresh = tokens.issue(ada, app, "offline_access", "task:read").refreshToken().orElseThrow();
        HttpResponse<String> res = introspectWithBearer(bearer, refresh);
        assertEquals(200, res.statusCode());
        assertEquals("{\"active\":false}", res.body());
    }

    @Test
    void bearerOfAnAppThatIsNotAResourceServerThen401AndNothingAboutTheToken() {
        var issued = tokens.issue(ada, app, "task:read");
        String ordinary = clientCredentials(app);
        HttpResponse<String> ownAppsToken = introspectWithBearer(ordinary, issued.accessToken());
        assertInvalidToken(ownAppsToken, ordinary, issued.accessToken());
        assertTrue(json(ownAppsToken).get("error_description").asText().contains("not a resource server"));
        HttpResponse<String> garbageToken = introspectWithBearer(ordinary, "pc_at_garbage");
        assertEquals(ownAppsToken.body(), garbageToken.body(), "refused before the token is looked at");
        assertInvalidToken(introspectWithBearer(issued.accessToken(), issued.accessToken()), issued.accessToken());
    }

    @Test
    void revokedGarbageOrNonAccessTokenBearerThen401() {
        var issued = tokens.issue(ada, app, "offline_access", "task:read");
        String revoked = clientCredentials(resourceServer);
        HttpResponse<String> revocation = oauth.post("/oauth/revoke", basic(resourceServer.id(), resourceServer.secret()),
                form(params("token", revoked)));
        assertEquals(200, revocation.statusCode(), revocation.body());
        server.portcullis().credentials().changed();
        var fixture = new ApiKeyFixture(server.portcullis().database());
        String apiKey = fixture.apiKey(fixture.workspace("bearer-" + db.name().toLowerCase()), "task:read").secret();
        for (String bearer : List.of(revoked, "garbage", "pc_at_" + "a".repeat(49), apiKey, issued.refreshToken().orElseThrow())) {
            HttpResponse<String> res = introspectWithBearer(bearer, issued.accessToken());
            assertInvalidToken(res, bearer, issued.accessToken());
            assertTrue(json(res).get("error_description").asText().contains("not an active access token"), bearer);
        }
    }

    @Test
    void bearerTogetherWithAClientSecretThenInvalidRequest() {
        var issued = tokens.issue(ada, app, "task:read");
        HttpResponse<String> res = oauth.post("/oauth2/introspect", "Bearer " + clientCredentials(resourceServer),
                form(params("token", issued.accessToken(), "client_id", resourceServer.id(), "client_secret", resourceServer.secret())));
        assertEquals(400, res.statusCode(), res.body());
        assertEquals("invalid_request", json(res).get("error").asText());
        assertFalse(res.body().contains(resourceServer.secret()));
    }

    @Test
    void clientThatIsNotAResourceServerAskingAboutAForeignTokenThenInactiveAndOneLogLineNamingIt() {
        var issued = tokens.issue(ada, app, "task:read");
        UserTokens.Client other = tokens.app("task:read");
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        String log = ServerLog.during(() -> answer.set(oauth.post("/oauth/introspect", basic(other.id(), other.secret()),
                form(params("token", issued.accessToken())))));
        assertEquals(200, answer.get().statusCode());
        assertEquals("{\"active\":false}", answer.get().body());
        List<String> lines = log.lines().filter(l -> l.contains("IntrospectionEndpoint")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.getFirst().contains("INFO"), lines.getFirst());
        assertTrue(lines.getFirst().contains("client_id=" + other.id()), lines.getFirst());
        assertTrue(lines.getFirst().contains("not a resource server"), lines.getFirst());
        assertFalse(log.contains(issued.accessToken()), "the token is never logged");

        String quiet = ServerLog.during(() -> assertEquals(200, oauth.post("/oauth/introspect", basic(app.id(), app.secret()),
                form(params("token", issued.accessToken()))).statusCode()));
        assertFalse(quiet.contains("IntrospectionEndpoint"), "its own token: nothing to say");
        String unknown = ServerLog.during(() -> oauth.post("/oauth/introspect", basic(other.id(), other.secret()),
                form(params("token", "pc_at_garbage"))));
        assertFalse(unknown.contains("IntrospectionEndpoint"), "an unknown token is no foreign one");
    }
}

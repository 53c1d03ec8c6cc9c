package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spring Security's resource server (the examples/spring-api jar, in its own JVM) checks real
 * Portcullis tokens both ways: JWT access tokens locally against the JWKS, opaque ones through
 * RFC 7662 introspection as a resource-server app. The tokens come from the real authorization
 * code flow; the apps are made through /manage/v1 as the docs tell operators to. SQLite only:
 * what is tested here is the tokens' shape on the wire, the same on both databases.
 */
class SpringApiInteropTest {
    static final URI CALLBACK = URI.create("http://127.0.0.1:3050/callback");
    static final String PASSWORD = "correct horse battery";

    record Client(ClientID id, Secret secret) {}

    static TestServer server;
    static OAuthFlow user;
    static Client jwtClient;
    static Client opaqueClient;
    static SpringApiProcess jwtApi;
    static SpringApiProcess introspectionApi;

    @BeforeAll
    static void start() {
        SpringApiProcess.requireJar(); // fail at once, before anything starts
        server = TestServer.start(Db.SQLITE);
        String issuer = server.portcullis().config().server().issuer().toString();
        String email = "spring-" + System.nanoTime() + "@example.com";
        Browser browser = new Browser(server);
        browser.signUp("Ada Lovelace", email, PASSWORD);
        user = new OAuthFlow(browser, email, PASSWORD);

        String operator = server.portcullis().core().operators().create("spring-api-interop", dev.portcullis.events.Actor.system()).secret();
        String client = "\"redirect_uris\": [\"" + CALLBACK + "\"], \"scopes\": [\"openid\", \"task:read\", \"note:read\"], "
                + "\"token_endpoint_auth_method\": \"client_secret_basic\", \"grant_types\": [\"authorization_code\"]";
        jwtClient = createApp(operator, "{\"name\": \"JWT client\", \"access_token_format\": \"jwt\", " + client + "}");
        opaqueClient = createApp(operator, "{\"name\": \"Opaque client\", " + client + "}");
        Client resourceServer = createApp(operator, "{\"name\": \"Spring API\", \"resource_server\": true, \"grant_types\": []}");

        jwtApi = SpringApiProcess.launch(freePort(), Map.of("PORTCULLIS_URL", issuer, "SPRING_API_TOKEN_CHECK", "jwt"));
        introspectionApi = SpringApiProcess.launch(freePort(), Map.of("PORTCULLIS_URL", issuer,
                "SPRING_API_TOKEN_CHECK", "introspection", "SPRING_API_CLIENT_ID", resourceServer.id().getValue(),
                "SPRING_API_CLIENT_SECRET", resourceServer.secret().getValue()));
        jwtApi.awaitReady();
        introspectionApi.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (jwtApi != null) jwtApi.close();
        if (introspectionApi != null) introspectionApi.close();
        if (server != null) server.close();
    }

    @Test
    void jwtAccessTokenIsAcceptedLocallyAndMeNamesItsWorkspace() throws Exception {
        String token = authorize(jwtClient, "openid", "task:read").getAccessToken().getValue();
        assertEquals(new JOSEObjectType("at+jwt"), SignedJWT.parse(token).getHeader().getType());
        assertEquals(200, jwtApi.get("/tasks", token).statusCode());
        JsonNode me = json(jwtApi.get("/me", token));
        assertEquals(workspaceOf(token), me.get("workspace_id").asText());
        assertEquals("[\"openid\",\"task:read\"]", me.get("scopes").toString());
    }

    @Test
    void idTokenPresentedAsAccessTokenIsRefusedBothWays() {
        String idToken = authorize(jwtClient, "openid", "task:read").getIDTokenString();
        assertUnauthorized(jwtApi.get("/tasks", idToken));
        assertUnauthorized(jwtApi.get("/me", idToken));
        assertUnauthorized(introspectionApi.get("/tasks", idToken));
    }

    @Test
    void jwtAccessTokenWithoutTheScopeGets403BothWays() {
        String token = authorize(jwtClient, "openid", "note:read").getAccessToken().getValue();
        assertForbidden(jwtApi.get("/tasks", token));
        assertForbidden(introspectionApi.get("/tasks", token));
        assertEquals(200, jwtApi.get("/me", token).statusCode(), "a valid token without the scope is still a caller");
    }

    @Test
    void opaqueAccessTokenIsAcceptedThroughIntrospectionButCannotBeCheckedLocally() throws Exception {
        String token = authorize(opaqueClient, "openid", "task:read").getAccessToken().getValue();
        assertTrue(token.startsWith("pc_at_"), token);
        assertEquals(200, introspectionApi.get("/tasks", token).statusCode());
        JsonNode me = json(introspectionApi.get("/me", token));
        assertEquals(workspaceOf(token), me.get("workspace_id").asText());
        assertEquals("[\"openid\",\"task:read\"]", me.get("scopes").toString());
        assertUnauthorized(jwtApi.get("/tasks", token));
    }

    @Test
    void jwtAccessTokenIsAcceptedThroughIntrospectionToo() {
        String token = authorize(jwtClient, "openid", "task:read").getAccessToken().getValue();
        assertEquals(200, introspectionApi.get("/tasks", token).statusCode());
    }

    @Test
    void opaqueAccessTokenWithoutTheScopeGets403() {
        String token = authorize(opaqueClient, "openid", "note:read").getAccessToken().getValue();
        assertForbidden(introspectionApi.get("/tasks", token));
    }

    @Test
    void revokedOpaqueAccessTokenGets401AtOnce() throws Exception {
        String token = authorize(opaqueClient, "openid", "task:read").getAccessToken().getValue();
        assertEquals(200, introspectionApi.get("/tasks", token).statusCode());
        var revoked = new TokenRevocationRequest(server.uri("/oauth2/revoke"),
                new ClientSecretBasic(opaqueClient.id(), opaqueClient.secret()), new BearerAccessToken(token)).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        assertUnauthorized(introspectionApi.get("/tasks", token));
    }

    @Test
    void requestWithoutATokenGets401() {
        assertUnauthorized(jwtApi.get("/tasks", null));
        assertUnauthorized(introspectionApi.get("/me", null));
    }

    /** The real flow: login, consent, code with PKCE, exchange with client_secret_basic. */
    private static OIDCTokens authorize(Client client, String... scopes) {
        try {
            State state = new State();
            CodeVerifier verifier = new CodeVerifier();
            URI url = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(scopes), client.id(), CALLBACK)
                    .endpointURI(server.uri("/oauth2/authorize")).state(state).nonce(new Nonce())
                    .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
            AuthorizationResponse response = AuthorizationResponse.parse(user.authorize(url, true));
            assertTrue(response.indicatesSuccess(), response.toString());
            assertEquals(state, response.getState());
            var grant = new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), CALLBACK, verifier);
            TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(server.uri("/oauth2/token"),
                    new ClientSecretBasic(client.id(), client.secret()), grant, null).toHTTPRequest().send());
            assertTrue(tokens.indicatesSuccess(), () -> tokens.toErrorResponse().getErrorObject().toString());
            return ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens();
        } catch (Exception e) {
            throw new AssertionError("authorization code flow failed", e);
        }
    }

    private static Client createApp(String operator, String body) {
        var res = server.send(HttpRequest.newBuilder(server.uri("/manage/v1/apps"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, res.statusCode(), res.body());
        JsonNode app = json(res);
        return new Client(new ClientID(app.get("client_id").asText()), new Secret(app.get("client_secret").asText()));
    }

    /** What Portcullis itself says the token's workspace is. */
    private static String workspaceOf(String token) {
        var self = server.send(HttpRequest.newBuilder(server.uri("/v2/self")).header("Authorization", "Bearer " + token).GET().build());
        return json(self).get("workspace_id").asText();
    }

    private static void assertUnauthorized(HttpResponse<String> res) {
        assertEquals(401, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), res.headers().toString());
    }

    private static void assertForbidden(HttpResponse<String> res) {
        assertEquals(403, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""),
                res.headers().toString());
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + res.body(), e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.portcullis.introspect;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two answers for {@code sub}, on tokens from a real authorization code flow: an RFC 7662
 * caller gets the user, the same value as the ID token's and the JWT access token's {@code sub};
 * the Attio style and {@code GET /v2/self} get the workspace, which both carry in {@code workspace_id}.
 */
class IntrospectionSubjectTest {
    static final String PASSWORD = "correct horse battery";
    static final String CALLBACK = "http://127.0.0.1/cb";
    static final String VERIFIER = "v".repeat(43);
    static TestServer server;
    static OAuthClient oauth;
    static int users;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE);
        oauth = new OAuthClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What one login and consent gave the app, and who gave it. */
    record Flow(AppService.Created app, String accessToken, String idToken, String userId, String workspaceId) {}

    static Flow authorize(AccessTokenFormat format) {
        var settings = new AppSettings("Relying party " + format, "", Optional.empty(), true, AuthMethod.CLIENT_SECRET_BASIC,
                EnumSet.of(GrantType.AUTHORIZATION_CODE), List.of("openid", "task:read"), List.of(new RedirectUri(CALLBACK)),
                format, new Lifetime.Default(), "RS256", false);
        AppService.Created app = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        Browser browser = new Browser(server);
        String email = "subject" + (++users) + "@example.com";
        browser.signUp("Grace Hopper", email, PASSWORD);
        URI url = server.uri("/authorize?response_type=code&scope=openid%20task:read&client_id=" + app.app().clientId()
                + "&redirect_uri=" + CALLBACK + "&state=s&code_challenge_method=S256&code_challenge=" + Pkce.s256(VERIFIER));
        URI redirect = new OAuthFlow(browser, email, PASSWORD).authorize(url, true);
        String code = redirect.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        var res = oauth.token(basic(app.app().clientId(), app.clientSecret().orElseThrow()),
                params("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK, "code_verifier", VERIFIER));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode tokens = json(res);
        String userId = server.portcullis().core().identity().findByEmail(email).orElseThrow().id();
        String accessToken = tokens.get("access_token").asText();
        String workspaceId = json(oauth.getWithBearer("/v2/self", accessToken)).get("workspace_id").asText();
        return new Flow(app, accessToken, tokens.get("id_token").asText(), userId, workspaceId);
    }

    static JsonNode introspectAsClient(Flow flow) {
        var res = oauth.post("/oauth2/introspect", basic(flow.app().app().clientId(), flow.app().clientSecret().orElseThrow()),
                form(params("token", flow.accessToken())));
        assertEquals(200, res.statusCode(), res.body());
        return json(res);
    }

    static JsonNode introspectAsBearer(Flow flow) {
        var res = oauth.post("/oauth2/introspect", "Bearer " + flow.accessToken(), "");
        assertEquals(200, res.statusCode(), res.body());
        return json(res);
    }

    @Test
    void jwtAccessTokenThenRfc7662SubIsTheIdTokensAndTheJwtsSubAndAttioSubIsTheWorkspace() throws Exception {
        Flow flow = authorize(AccessTokenFormat.JWT);
        String idTokenSub = SignedJWT.parse(flow.idToken()).getJWTClaimsSet().getSubject();
        String jwtSub = SignedJWT.parse(flow.accessToken()).getJWTClaimsSet().getSubject();
        assertEquals(flow.userId(), idTokenSub);
        assertEquals(idTokenSub, jwtSub);

        JsonNode rfc = introspectAsClient(flow);
        assertTrue(rfc.get("active").asBoolean());
        assertEquals(idTokenSub, rfc.get("sub").asText());
        assertEquals(flow.workspaceId(), rfc.get("workspace_id").asText());

        JsonNode attio = introspectAsBearer(flow);
        assertEquals(flow.workspaceId(), attio.get("sub").asText());
        assertNotEquals(rfc.get("sub"), attio.get("sub"));
        assertEquals(attio, json(oauth.getWithBearer("/v2/self", flow.accessToken())));
    }

    @Test
    void opaqueAccessTokenThenRfc7662SubIsTheIdTokensSubAndAttioSubIsTheWorkspace() throws Exception {
        Flow flow = authorize(AccessTokenFormat.OPAQUE);
        String idTokenSub = SignedJWT.parse(flow.idToken()).getJWTClaimsSet().getSubject();
        assertEquals(flow.userId(), idTokenSub);
        JsonNode rfc = introspectAsClient(flow);
        assertEquals(idTokenSub, rfc.get("sub").asText());
        assertEquals(flow.workspaceId(), rfc.get("workspace_id").asText());
        JsonNode attio = introspectAsBearer(flow);
        assertEquals(flow.workspaceId(), attio.get("sub").asText());
        assertEquals(flow.workspaceId(), attio.get("workspace_id").asText());
    }
}

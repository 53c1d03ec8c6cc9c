package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Assurance;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.NodeClient;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * openid-client (panva's certified OpenID Connect relying party, src/test/node/openid-client),
 * unchanged, against the real server: discovery, the code flow with PKCE, nonce, state and the
 * RFC 9207 iss check, ID token validation, userinfo, refresh, introspection and revocation; and
 * all of it again with DPoP-bound tokens (RFC 9449); and a FAPI 2.0 app's flow: PAR (RFC 9126) and
 * private_key_jwt (RFC 7523) with an ES256 or PS256 key, DPoP-bound tokens and PS256 ID tokens.
 */
class OpenIdClientInteropTest {
    static final Path CLIENT = Path.of("src", "test", "node", "openid-client");
    static final String REDIRECT = "http://127.0.0.1:33419/callback";
    static final String EMAIL = "rp-user@example.com";
    static final String PASSWORD = "correct horse battery";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        NodeClient.install(CLIENT, "openid-client");
        server = TestServer.start(Db.SQLITE);
        new Browser(server).signUp("Grace Hopper", EMAIL, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "registered {0}, authenticating with {1}")
    @CsvSource({"CLIENT_SECRET_BASIC, basic", "CLIENT_SECRET_POST, post", "CLIENT_SECRET_POST, basic", "CLIENT_SECRET_BASIC, post"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a stalled Node client must fail the build, not hang it
    void certifiedRelyingPartyCompletesEveryStep(AuthMethod registered, String used) throws Exception {
        AppService.Created app = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("RP", registered)
                .withRedirectUris(List.of(new RedirectUri(REDIRECT)))
                .withScopes(List.of("openid", "profile", "email", "offline_access", "task:read")));
        String secret = app.clientSecret().orElseThrow();
        try (NodeClient node = NodeClient.start(CLIENT, "client.mjs", server.uri("").toString(), app.app().clientId(),
                secret, used, REDIRECT)) {
            JsonNode first = node.line();
            assertFalse(first.has("failed"), first.path("failed").asText());
            URI callback = new OAuthFlow(new Browser(server), EMAIL, PASSWORD).authorize(URI.create(first.get("authorize").asText()), true);
            node.answer(callback.toString());

            JsonNode result = node.line();
            assertFalse(result.has("failed"), result.path("failed").asText());
            String sub = result.get("idToken").get("sub").asText();
            assertEquals(sub, result.get("userinfo").get("sub").asText(), "userinfo names the ID token's subject");
            assertEquals(EMAIL, result.get("userinfo").get("email").asText());
            assertEquals("Grace Hopper", result.get("userinfo").get("name").asText());
            JsonNode introspection = result.get("introspection");
            assertTrue(introspection.get("active").asBoolean(), introspection.toString());
            assertEquals(app.app().clientId(), introspection.get("client_id").asText());

            String token = "token=" + result.get("revoked").asText();
            var revoked = used.equals("basic")
                    ? new OAuthClient(server).post("/oauth2/introspect", OAuthClient.basic(app.app().clientId(), secret), token)
                    : new OAuthClient(server).post("/oauth2/introspect", null, OAuthClient.form(OAuthClient.params(
                            "client_id", app.app().clientId(), "client_secret", secret)) + "&" + token);
            assertEquals("{\"active\":false}", revoked.body(), "the revoked refresh token is dead");
        }
    }

    @ParameterizedTest(name = "DPoP with {0}")
    @CsvSource({"CLIENT_SECRET_BASIC"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void certifiedRelyingPartyBindsEveryTokenWithDpop(AuthMethod registered) throws Exception {
        AppService.Created app = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("DPoP RP", registered)
                .withRedirectUris(List.of(new RedirectUri(REDIRECT)))
                .withScopes(List.of("openid", "profile", "email", "offline_access", "task:read")));
        try (NodeClient node = NodeClient.start(CLIENT, "client.mjs", server.uri("").toString(), app.app().clientId(),
                app.clientSecret().orElseThrow(), "basic", REDIRECT, "dpop")) {
            JsonNode first = node.line();
            assertFalse(first.has("failed"), first.path("failed").asText());
            assertTrue(first.get("authorize").asText().contains("dpop_jkt="), first.toString());
            node.answer(new OAuthFlow(new Browser(server), EMAIL, PASSWORD).authorize(URI.create(first.get("authorize").asText()), true)
                    .toString());

            JsonNode result = node.line();
            assertFalse(result.has("failed"), result.path("failed").asText());
            assertEquals("dpop", result.get("tokenType").asText().toLowerCase(java.util.Locale.ROOT));
            assertEquals("dpop", result.get("refreshedType").asText().toLowerCase(java.util.Locale.ROOT));
            assertEquals(EMAIL, result.get("userinfo").get("email").asText(), "userinfo with Authorization: DPoP and a proof");
            JsonNode introspection = result.get("introspection");
            assertEquals("DPoP", introspection.get("token_type").asText(), introspection.toString());
            String jkt = introspection.get("cnf").get("jkt").asText();
            assertTrue(result.get("self").get("active").asBoolean(), result.get("self").toString());
            assertEquals(jkt, result.get("self").get("cnf").get("jkt").asText(), "/v2/self called with the same key");
        }
    }

    @ParameterizedTest(name = "FAPI 2.0 with a {0} client key")
    @ValueSource(strings = {"ES256", "PS256"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void certifiedRelyingPartyCompletesTheFapi2FlowWithParPrivateKeyJwtAndDpop(String alg) throws Exception {
        JWK key = alg.equals("ES256") ? new ECKeyGenerator(Curve.P_256).keyID("rp-es256").generate()
                : new RSAKeyGenerator(2048).keyID("rp-ps256").generate();
        String clientId = fapi2App(key, alg);
        try (NodeClient node = NodeClient.start(CLIENT, "client.mjs", server.uri("").toString(), clientId,
                key.toJSONString(), "private_key_jwt", REDIRECT, "fapi")) {
            JsonNode first = node.line();
            assertFalse(first.has("failed"), first.path("failed").asText());
            String authorize = first.get("authorize").asText();
            assertTrue(authorize.contains("request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A"), authorize);
            assertFalse(authorize.contains("code_challenge"), "the pushed request is the whole request: " + authorize);
            node.answer(new OAuthFlow(new Browser(server), EMAIL, PASSWORD).authorize(URI.create(authorize), true).toString());

            JsonNode result = node.line();
            assertFalse(result.has("failed"), result.path("failed").asText());
            assertEquals("dpop", result.get("tokenType").asText().toLowerCase(Locale.ROOT));
            assertEquals("dpop", result.get("refreshedType").asText().toLowerCase(Locale.ROOT));
            String sub = result.get("idToken").get("sub").asText();
            assertEquals(sub, result.get("userinfo").get("sub").asText(), "userinfo with Authorization: DPoP names the ID token's subject");
            assertTrue(result.get("firstSelf").get("active").asBoolean(), result.get("firstSelf").toString());
            JsonNode introspection = result.get("introspection");
            assertTrue(introspection.get("active").asBoolean(), "introspection with private_key_jwt: " + introspection);
            assertEquals(clientId, introspection.get("client_id").asText());
            String jkt = introspection.get("cnf").get("jkt").asText();
            assertEquals(jkt, result.get("firstSelf").get("cnf").get("jkt").asText(), "the first token is bound to the client's DPoP key");
            assertTrue(result.get("self").get("active").asBoolean(), "the refreshed token works at /v2/self: " + result.get("self"));
            assertEquals(jkt, result.get("self").get("cnf").get("jkt").asText(), "the refreshed token is bound to the same key");
            assertFalse(result.get("first").asText().equals(result.get("second").asText()), "refresh issued a new access token");
        }
    }

    @Test
    void fapi2AppIsRefusedAtAuthorizeWithoutPar() throws Exception {
        String clientId = fapi2App(new ECKeyGenerator(Curve.P_256).keyID("rp-es256").generate(), "ES256");
        String query = "response_type=code&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        Browser.Page page = new Browser(server).get("/oauth2/authorize?" + query);
        assertEquals(302, page.status(), page.text());
        URI refused = URI.create(page.location());
        assertTrue(page.location().startsWith(REDIRECT + "?"), page.location());
        assertTrue(refused.getQuery().contains("error=invalid_request"), page.location());
        assertTrue(refused.getQuery().contains("iss=" + server.portcullis().config().server().issuer()), "RFC 9207: " + page.location());
        assertFalse(refused.getQuery().contains("code="), "no code without a pushed request");
    }

    /** A FAPI 2.0 app: private_key_jwt with the public half of {@code key}, signing with {@code alg}; PS256 ID tokens. */
    static String fapi2App(JWK key, String alg) {
        var keys = new ClientKeys(Optional.of(new JWKSet(key.toPublicJWK()).toString(true)), Optional.empty(), Optional.of(alg));
        var settings = new AppSettings("FAPI RP", "", Optional.empty(), true, AuthMethod.PRIVATE_KEY_JWT,
                EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), List.of("openid", "profile", "email", "offline_access", "task:read"),
                List.of(new RedirectUri(REDIRECT)), AccessTokenFormat.OPAQUE, new Lifetime.Default(), "PS256", false,
                keys, Optional.empty(), Optional.empty(), Optional.empty(), new Assurance(false, false, Assurance.Profile.FAPI2));
        return server.portcullis().apps().create(Actor.system(), Optional.empty(), settings).app().clientId();
    }
}

package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The implicit response types (OIDC Core §3.2), for apps that opted in: the ID token, and with
 * {@code id_token token} an access token bound to it by {@code at_hash}, in the fragment or a
 * form post, never in a query string.
 */
class ImplicitFlowTest {
    private static final String CALLBACK = "https://client.example/cb";
    private TestServer server;
    private String implicitApp;
    private String codeOnlyApp;

    @BeforeEach
    void start() {
        server = TestServer.start(Db.SQLITE);
        List<String> scopes = List.of("openid", "profile", "email", "task:read");
        implicitApp = create(AppSettings.defaults("Legacy SPA", AuthMethod.NONE), Set.of(GrantType.IMPLICIT), scopes);
        codeOnlyApp = create(AppSettings.defaults("Modern", AuthMethod.NONE), Set.of(GrantType.AUTHORIZATION_CODE), scopes);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void idTokenAloneCarriesTheScopeClaimsAndNoAtHash() throws Exception {
        Map<String, String> answer = fragment(approve(signedIn(), request(implicitApp, "id_token", Map.of())));
        assertEquals(Set.of("id_token", "state", "iss"), answer.keySet());
        JWTClaimsSet claims = verified(answer.get("id_token"));
        assertEquals("n-0S6_WzA2Mj", claims.getStringClaim("nonce"));
        assertEquals(List.of(implicitApp), claims.getAudience());
        assertEquals("ada@example.com", claims.getStringClaim("email"), "no access token: the scope's claims are in the ID token");
        assertEquals("Ada", claims.getStringClaim("name"));
        assertEquals(null, claims.getClaim("at_hash"));
    }

    @Test
    void idTokenTokenBindsTheAccessTokenAndItCallsUserInfo() throws Exception {
        Map<String, String> answer = fragment(approve(signedIn(), request(implicitApp, "id_token token", Map.of())));
        assertEquals("Bearer", answer.get("token_type"));
        assertEquals("3600", answer.get("expires_in"));
        String accessToken = answer.get("access_token");
        JWTClaimsSet claims = verified(answer.get("id_token"));
        assertEquals(atHash(accessToken), claims.getStringClaim("at_hash"));
        assertEquals(null, claims.getClaim("email"), "with an access token the scope's claims are for UserInfo");
        var userinfo = OAuthClient.json(new OAuthClient(server).getWithBearer("/oauth2/userinfo", accessToken));
        assertEquals(claims.getSubject(), userinfo.get("sub").asText());
        assertEquals("ada@example.com", userinfo.get("email").asText());
        assertFalse(answer.containsKey("refresh_token"), "the implicit flow never issues one");
    }

    @Test
    void formPostModeDeliversTheTokensInAForm() {
        Browser browser = signedIn();
        Browser.Page consent = browser.get(request(implicitApp, "id_token token", Map.of("response_mode", "form_post")));
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(200, answer.status(), answer.text());
        var form = answer.doc().selectFirst("form[method=post]");
        assertEquals(CALLBACK, form.attr("action"));
        assertNotNull(form.selectFirst("input[name=access_token]"));
        assertNotNull(form.selectFirst("input[name=id_token]"));
    }

    @Test
    void anAppThatDidNotOptInIsRefusedInTheFragment() {
        Browser.Page answer = signedIn().get(request(codeOnlyApp, "id_token token", Map.of()));
        assertEquals(302, answer.status(), answer.text());
        assertTrue(answer.location().startsWith(CALLBACK + "#error=unauthorized_client"), answer.location());
    }

    @Test
    void withoutANonceTheRequestIsRefused() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("nonce", ""));
        Browser.Page answer = signedIn().get(request(implicitApp, "id_token", params));
        assertTrue(answer.location().startsWith(CALLBACK + "#error=invalid_request"), answer.location());
        assertTrue(URLDecoder.decode(answer.location(), StandardCharsets.UTF_8).contains("nonce is required"), answer.location());
    }

    @Test
    void tokensAreNeverPutInAQueryStringEvenWhenAsked() {
        Browser.Page answer = signedIn().get(request(implicitApp, "id_token token", Map.of("response_mode", "query")));
        assertTrue(answer.location().startsWith(CALLBACK + "#error=invalid_request"), answer.location());
    }

    private String create(AppSettings base, Set<GrantType> grants, List<String> scopes) {
        var s = base.withRedirectUris(List.of(new RedirectUri(CALLBACK))).withScopes(scopes);
        AppSettings settings = new AppSettings(s.name(), s.description(), s.logoUrl(), true, s.authMethod(), grants, s.scopes(),
                s.redirectUris(), s.accessTokenFormat(), s.accessTokenLifetime(), s.idTokenAlg(), false);
        AppService.Created created = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        return created.app().clientId();
    }

    private Browser signedIn() {
        Browser browser = new Browser(server);
        browser.signUp("Ada", "ada@example.com", "correct horse battery");
        return browser;
    }

    private static String request(String clientId, String responseType, Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", responseType);
        params.put("client_id", clientId);
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "openid profile email");
        params.put("state", "xyz");
        params.put("nonce", "n-0S6_WzA2Mj");
        params.putAll(overrides);
        params.values().removeIf(String::isEmpty);
        return "/authorize?" + OAuthClient.form(params);
    }

    private static URI approve(Browser browser, String path) {
        Browser.Page consent = browser.get(path);
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(303, answer.status(), answer.text());
        return URI.create(answer.location());
    }

    private static Map<String, String> fragment(URI answer) {
        assertEquals(null, answer.getRawQuery(), "nothing in the query string");
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : answer.getRawFragment().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private JWTClaimsSet verified(String idToken) throws Exception {
        SignedJWT jwt = SignedJWT.parse(idToken);
        JWKSet keys = JWKSet.parse(server.get("/oauth2/jwks").body());
        var key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        var verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key.toRSAKey().toPublicKey());
        assertTrue(jwt.verify(verifier), "signed by a key in the JWKS");
        assertEquals(server.uri("").toString(), jwt.getJWTClaimsSet().getIssuer());
        return jwt.getJWTClaimsSet();
    }

    private static String atHash(String accessToken) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
    }
}

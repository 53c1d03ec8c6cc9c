package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The authorization code flow driven by a certified client library (Nimbus OAuth 2.0 SDK) over
 * real HTTP, through the real login and consent pages, on both databases.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AuthorizationCodeFlowTest {
    static final URI CALLBACK = URI.create("http://127.0.0.1:3050/callback");
    static final String PASSWORD = "correct horse battery";
    static final Scope SCOPES = new Scope("openid", "profile", "email", "offline_access", "task:read");

    @Parameter
    Db db;

    static TestServer server;
    static String issuer;
    static ClientID basicId;
    static Secret basicSecret;
    static ClientID postId;
    static Secret postSecret;
    static ClientID publicId;
    static int users;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        issuer = server.portcullis().config().server().issuer().toString();
        var apps = server.portcullis().apps();
        var basic = apps.create(Actor.system(), Optional.empty(), app("Taskr", AuthMethod.CLIENT_SECRET_BASIC));
        basicId = new ClientID(basic.app().clientId());
        basicSecret = new Secret(basic.clientSecret().orElseThrow());
        var post = apps.create(Actor.system(), Optional.empty(), app("Poster", AuthMethod.CLIENT_SECRET_POST));
        postId = new ClientID(post.app().clientId());
        postSecret = new Secret(post.clientSecret().orElseThrow());
        publicId = new ClientID(apps.create(Actor.system(), Optional.empty(), app("Agent", AuthMethod.NONE)).app().clientId());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static AppSettings app(String name, AuthMethod method) {
        return AppSettings.defaults(name, method)
                .withRedirectUris(List.of(new RedirectUri(CALLBACK.toString())))
                .withScopes(List.of("openid", "profile", "email", "offline_access", "task:read", "note:read"));
    }

    /** A new user with one workspace, signed in or not, and the flow helper for them. */
    static OAuthFlow newUser(boolean signedIn) {
        Browser browser = new Browser(server);
        String email = "user" + (++users) + "-" + System.nanoTime() + "@example.com";
        browser.signUp("Ada Lovelace", email, PASSWORD);
        if (!signedIn) browser.post("/logout", Map.of("csrf", csrfOf(browser)));
        return new OAuthFlow(browser, email, PASSWORD);
    }

    static String csrfOf(Browser browser) {
        return browser.get("/account").doc().selectFirst("input[name=csrf]").attr("value");
    }

    record Started(URI url, State state, Nonce nonce, CodeVerifier verifier) {}

    static Started request(ClientID client, Scope scope, boolean pkce) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        if (!scope.contains("openid")) {
            var plain = new AuthorizationRequest.Builder(ResponseType.CODE, client).scope(scope).redirectionURI(CALLBACK)
                    .endpointURI(server.uri("/oauth2/authorize")).state(state);
            if (pkce) plain.codeChallenge(verifier, CodeChallengeMethod.S256);
            return new Started(plain.build().toURI(), state, nonce, verifier);
        }
        var builder = new AuthenticationRequest.Builder(ResponseType.CODE, scope, client, CALLBACK)
                .endpointURI(server.uri("/oauth2/authorize")).state(state).nonce(nonce);
        if (pkce) builder.codeChallenge(verifier, CodeChallengeMethod.S256);
        return new Started(builder.build().toURI(), state, nonce, verifier);
    }

    static AuthorizationCode code(URI redirect, State state) throws Exception {
        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertTrue(response.indicatesSuccess(), redirect.toString());
        assertEquals(state, response.getState());
        assertEquals(issuer, response.toSuccessResponse().getIssuer().getValue());
        return response.toSuccessResponse().getAuthorizationCode();
    }

    static TokenResponse exchange(ClientAuthentication auth, AuthorizationGrant grant) throws Exception {
        var req = new TokenRequest(server.uri("/oauth2/token"), auth, grant, null);
        return OIDCTokenResponseParser.parse(req.toHTTPRequest().send());
    }

    static TokenResponse exchangePublic(ClientID client, AuthorizationGrant grant) throws Exception {
        var req = new TokenRequest(server.uri("/oauth2/token"), client, grant, null);
        return OIDCTokenResponseParser.parse(req.toHTTPRequest().send());
    }

    static ErrorObject error(TokenResponse response) {
        assertFalse(response.indicatesSuccess());
        return ((TokenErrorResponse) response).getErrorObject();
    }

    static String self(String accessToken) {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v2/self"))
                .header("Authorization", "Bearer " + accessToken).GET().build()).body();
    }

    static long accessTokenRows(String token) {
        return server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM access_tokens WHERE token_hash = ?", SecretHash.of(token).hex()));
    }

    @Test
    void confidentialBasicWithPkceThenTokensAndValidIdToken() throws Exception {
        OAuthFlow flow = newUser(false);
        Started s = request(basicId, SCOPES, true);
        URI redirect = flow.authorize(s.url(), true);
        AuthorizationCode code = code(redirect, s.state());
        TokenResponse response = exchange(new ClientSecretBasic(basicId, basicSecret),
                new AuthorizationCodeGrant(code, CALLBACK, s.verifier()));
        assertTrue(response.indicatesSuccess(), () -> error(response).toString());
        OIDCTokenResponse ok = (OIDCTokenResponse) response.toSuccessResponse();
        assertTrue(ok.getOIDCTokens().getAccessToken().getValue().startsWith("pc_at_"));
        assertEquals(3600, ok.getOIDCTokens().getAccessToken().getLifetime());
        assertNotNull(ok.getOIDCTokens().getRefreshToken());
        var validator = new IDTokenValidator(new Issuer(issuer), basicId, JWSAlgorithm.RS256, new URL(server.uri("/oauth2/jwks").toString()));
        IDTokenClaimsSet claims = validator.validate(ok.getOIDCTokens().getIDToken(), s.nonce());
        // OIDC Core §5.4: with an access token, the scopes' claims are UserInfo's to give (ClaimsTest).
        assertNull(claims.getStringClaim("name"));
        assertNull(claims.getStringClaim("email"));
        assertNotNull(claims.getAccessTokenHash());
        long used = server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM apps WHERE id = ? AND last_used_at IS NOT NULL", basicId.getValue()));
        assertEquals(1L, used, "a successful grant marks the app used");
    }

    @Test
    void confidentialPostWithoutPkceAndWithoutOfflineAccessThenNoRefreshToken() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(postId, new Scope("task:read"), false);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        TokenResponse response = exchange(new ClientSecretPost(postId, postSecret), new AuthorizationCodeGrant(code, CALLBACK));
        assertTrue(response.indicatesSuccess(), () -> error(response).toString());
        assertNull(response.toSuccessResponse().getTokens().getRefreshToken());
        assertEquals("task:read", response.toSuccessResponse().getTokens().getAccessToken().getScope().toString());
    }

    @Test
    void publicClientWithPkceThenTokens() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(publicId, new Scope("task:read", "offline_access"), true);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        TokenResponse response = exchangePublic(publicId, new AuthorizationCodeGrant(code, CALLBACK, s.verifier()));
        assertTrue(response.indicatesSuccess(), () -> error(response).toString());
    }

    @Test
    void publicClientWithoutPkceThenRedirectedInvalidRequest() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(publicId, new Scope("task:read"), false);
        AuthorizationResponse response = AuthorizationResponse.parse(flow.authorize(s.url(), true));
        assertEquals("invalid_request", response.toErrorResponse().getErrorObject().getCode());
        assertEquals(s.state(), response.getState());
    }

    @Test
    void refreshRotatesAndReuseKillsTheFamily() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        var auth = new ClientSecretBasic(basicId, basicSecret);
        var first = exchange(auth, new AuthorizationCodeGrant(code(flow.authorize(s.url(), true), s.state()), CALLBACK, s.verifier()))
                .toSuccessResponse().getTokens();
        RefreshToken original = first.getRefreshToken();
        var second = exchange(auth, new RefreshTokenGrant(original)).toSuccessResponse().getTokens();
        assertNotEquals(original, second.getRefreshToken());
        var narrowed = exchange(auth, new RefreshTokenGrant(second.getRefreshToken()));
        assertTrue(narrowed.indicatesSuccess());
        RefreshToken third = narrowed.toSuccessResponse().getTokens().getRefreshToken();
        assertEquals("invalid_grant", error(exchange(auth, new RefreshTokenGrant(original))).getCode());
        assertEquals("invalid_grant", error(exchange(auth, new RefreshTokenGrant(third))).getCode(), "the family is dead");
        assertEquals(0, accessTokenRows(second.getAccessToken().getValue()), "its access tokens are dead too");
    }

    @Test
    void refreshMayNarrowButNotWidenScope() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, new Scope("task:read", "offline_access"), true);
        var auth = new ClientSecretBasic(basicId, basicSecret);
        var tokens = exchange(auth, new AuthorizationCodeGrant(code(flow.authorize(s.url(), true), s.state()), CALLBACK, s.verifier()))
                .toSuccessResponse().getTokens();
        var widened = new TokenRequest(server.uri("/oauth2/token"), auth, new RefreshTokenGrant(tokens.getRefreshToken()), new Scope("note:read"));
        assertEquals("invalid_scope", error(OIDCTokenResponseParser.parse(widened.toHTTPRequest().send())).getCode());
        var narrowed = new TokenRequest(server.uri("/oauth2/token"), auth, new RefreshTokenGrant(tokens.getRefreshToken()), new Scope("task:read"));
        var ok = OIDCTokenResponseParser.parse(narrowed.toHTTPRequest().send());
        assertTrue(ok.indicatesSuccess(), "a refused widening does not cost the client its refresh token");
        assertEquals("task:read", ok.toSuccessResponse().getTokens().getAccessToken().getScope().toString());
    }

    @Test
    void codeReuseThenInvalidGrantAndIssuedTokensRevoked() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        var auth = new ClientSecretBasic(basicId, basicSecret);
        var tokens = exchange(auth, new AuthorizationCodeGrant(code, CALLBACK, s.verifier())).toSuccessResponse().getTokens();
        assertEquals(1, accessTokenRows(tokens.getAccessToken().getValue()));
        assertTrue(self(tokens.getAccessToken().getValue()).contains("\"active\":true"), "active, and now cached");
        assertEquals("invalid_grant", error(exchange(auth, new AuthorizationCodeGrant(code, CALLBACK, s.verifier()))).getCode());
        assertEquals(0, accessTokenRows(tokens.getAccessToken().getValue()));
        assertEquals("{\"active\":false}", self(tokens.getAccessToken().getValue()), "the cache forgot it at once");
        assertEquals("invalid_grant", error(exchange(auth, new RefreshTokenGrant(tokens.getRefreshToken()))).getCode());
    }

    @Test
    void wrongOrMissingVerifierThenInvalidGrant() throws Exception {
        OAuthFlow flow = newUser(true);
        var auth = new ClientSecretBasic(basicId, basicSecret);
        Started s = request(basicId, SCOPES, true);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        assertEquals("invalid_grant", error(exchange(auth, new AuthorizationCodeGrant(code, CALLBACK, new CodeVerifier()))).getCode());
        Started again = request(basicId, SCOPES, true);
        AuthorizationCode code2 = code(flow.authorize(again.url(), true), again.state());
        assertEquals("invalid_grant", error(exchange(auth, new AuthorizationCodeGrant(code2, CALLBACK))).getCode());
    }

    @Test
    void verifierWithoutChallengeThenInvalidGrant() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, false);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        var res = exchange(new ClientSecretBasic(basicId, basicSecret), new AuthorizationCodeGrant(code, CALLBACK, new CodeVerifier()));
        assertEquals("invalid_grant", error(res).getCode());
    }

    @Test
    void codeFromAnotherClientOrOtherRedirectThenInvalidGrant() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        var stolen = exchange(new ClientSecretPost(postId, postSecret), new AuthorizationCodeGrant(code, CALLBACK, s.verifier()));
        assertEquals("invalid_grant", error(stolen).getCode());
        var otherRedirect = exchange(new ClientSecretBasic(basicId, basicSecret),
                new AuthorizationCodeGrant(code, URI.create("http://127.0.0.1:3050/other"), s.verifier()));
        assertEquals("invalid_grant", error(otherRedirect).getCode());
    }

    @Test
    void wrongClientSecretThenInvalidClient() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        var res = exchange(new ClientSecretBasic(basicId, new Secret("wrong-secret")), new AuthorizationCodeGrant(code, CALLBACK, s.verifier()));
        assertEquals("invalid_client", error(res).getCode());
        assertEquals(401, error(res).getHTTPStatusCode());
        var ok = exchange(new ClientSecretBasic(basicId, basicSecret), new AuthorizationCodeGrant(code, CALLBACK, s.verifier()));
        assertTrue(ok.indicatesSuccess(), "a failed client authentication does not consume the code");
    }

    @Test
    void consentIsRememberedForSameOrFewerScopesUnlessPromptConsent() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        code(flow.authorize(s.url(), true), s.state());
        Started fewer = request(basicId, new Scope("openid", "task:read"), true);
        var direct = flow.browser().get(fewer.url().getRawPath() + "?" + fewer.url().getRawQuery());
        assertEquals(303, direct.status(), "no consent page the second time");
        code(URI.create(direct.location()), fewer.state());
        URI consentAgain = URI.create(fewer.url() + "&prompt=consent");
        var page = flow.browser().get(consentAgain.getRawPath() + "?" + consentAgain.getRawQuery());
        assertEquals(200, page.status());
        assertNotNull(page.doc().selectFirst("button[name=decision][value=approve]"));
        Started more = request(basicId, new Scope("openid", "note:read"), true);
        assertEquals(200, flow.browser().get(more.url().getRawPath() + "?" + more.url().getRawQuery()).status(), "a new scope asks again");
    }

    @Test
    void denyAtConsentThenAccessDeniedWithStateAndIss() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        URI redirect = flow.authorize(s.url(), false);
        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertEquals("access_denied", response.toErrorResponse().getErrorObject().getCode());
        assertEquals(s.state(), response.getState());
        assertTrue(redirect.getQuery().contains("iss=" + issuer));
    }

    @Test
    void promptNoneWithoutSessionThenLoginRequired() throws Exception {
        OAuthFlow flow = newUser(false);
        Started s = request(basicId, SCOPES, true);
        URI url = URI.create(s.url() + "&prompt=none");
        var res = flow.browser().get(url.getRawPath() + "?" + url.getRawQuery());
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(res.location()));
        assertEquals("login_required", response.toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void scopeTheAppMayNotHaveThenInvalidScope() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, new Scope("openid", "webhook:read-write"), true);
        var res = flow.browser().get(s.url().getRawPath() + "?" + s.url().getRawQuery());
        assertEquals("invalid_scope", AuthorizationResponse.parse(URI.create(res.location())).toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void repeatedParameterThenRedirectedInvalidRequest() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        var res = flow.browser().get(s.url().getRawPath() + "?" + s.url().getRawQuery() + "&scope=openid");
        var error = AuthorizationResponse.parse(URI.create(res.location())).toErrorResponse().getErrorObject();
        assertEquals("invalid_request", error.getCode());
    }

    @Test
    void requestObjectsAndUnknownResponseModesThenRefusedNotIgnored() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        // An unknown urn: request_uri is a pushed request's, answered on a page (RequestObjectTest, RFC 9126 §4).
        Map<String, String> refused = Map.of("&request=eyJhbGciOiJub25lIn0.e30.", "invalid_request_object",
                "&registration=%7B%7D", "registration_not_supported",
                "&response_mode=jwt", "invalid_request");
        for (var extra : refused.entrySet()) {
            var res = flow.browser().get(s.url().getRawPath() + "?" + s.url().getRawQuery() + extra.getKey());
            assertEquals(302, res.status(), extra.getKey());
            var response = AuthorizationResponse.parse(URI.create(res.location()));
            assertEquals(extra.getValue(), response.toErrorResponse().getErrorObject().getCode(), extra.getKey());
            assertEquals(s.state(), response.getState(), "state comes back with the error");
        }
        var query = flow.browser().get(s.url().getRawPath() + "?" + s.url().getRawQuery() + "&response_mode=query");
        assertFalse(query.location() != null && query.location().contains("error="), "response_mode=query is the default");
    }

    @Test
    void unregisteredOrVariantRedirectUriThenErrorPageBeforeLogin() {
        Browser anonymous = new Browser(server);
        for (String uri : List.of("https://evil.example/cb", "http://127.0.0.1:3050/callback/", "http://127.0.0.1:3050/CALLBACK",
                "http://127.0.0.1:3050/callbac", "http://localhost:3050/callback")) {
            var page = anonymous.get("/oauth2/authorize?response_type=code&client_id=" + basicId + "&redirect_uri="
                    + java.net.URLEncoder.encode(uri, java.nio.charset.StandardCharsets.UTF_8) + "&state=x");
            assertEquals(400, page.status(), uri);
            assertTrue(page.header("Location").isEmpty(), "never redirected");
            assertTrue(page.doc().selectFirst("[data-testid=oauth-error]").text().contains("invalid_redirect_uri"), uri);
            assertTrue(page.doc().selectFirst("form#login") == null, "shown before any login");
        }
        var unknown = anonymous.get("/authorize?response_type=code&client_id=nobody&redirect_uri=" + CALLBACK);
        assertTrue(unknown.doc().selectFirst("[data-testid=oauth-error]").text().contains("invalid_client"));
    }

    @Test
    void twentyConcurrentRedemptionsOfOneCodeThenExactlyOneSucceeds() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        AuthorizationCode code = code(flow.authorize(s.url(), true), s.state());
        var auth = new ClientSecretBasic(basicId, basicSecret);
        assertEquals(1, successes(() -> exchange(auth, new AuthorizationCodeGrant(code, CALLBACK, s.verifier()))));
    }

    @Test
    void twentyConcurrentRefreshesOfOneTokenThenExactlyOneSucceeds() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        var auth = new ClientSecretBasic(basicId, basicSecret);
        RefreshToken refresh = exchange(auth, new AuthorizationCodeGrant(code(flow.authorize(s.url(), true), s.state()), CALLBACK,
                s.verifier())).toSuccessResponse().getTokens().getRefreshToken();
        assertEquals(1, successes(() -> exchange(auth, new RefreshTokenGrant(refresh))));
    }

    @Test
    void revokingOnTheAccountPageKillsTheConnectionsTokens() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        var auth = new ClientSecretBasic(basicId, basicSecret);
        var tokens = exchange(auth, new AuthorizationCodeGrant(code(flow.authorize(s.url(), true), s.state()), CALLBACK,
                s.verifier())).toSuccessResponse().getTokens();
        Browser browser = flow.browser();
        var account = browser.get("/account");
        var row = account.doc().selectFirst("#connected-apps tr[data-connection]");
        assertNotNull(row, "the connection is listed");
        assertTrue(row.text().contains("Taskr"));
        var stranger = newUser(true).browser();
        var foreign = stranger.post(row.selectFirst("form").attr("action"), Map.of("csrf", csrfOf(stranger), "confirm", "yes"));
        assertEquals(404, foreign.status(), "another user cannot revoke it");
        var oneStep = browser.post(row.selectFirst("form").attr("action"), Map.of("csrf", csrfOf(browser)));
        assertEquals(400, oneStep.status(), "without the confirm step nothing is revoked");
        assertEquals(1, accessTokenRows(tokens.getAccessToken().getValue()));
        var revoked = browser.submit(account, "#connected-apps tr[data-connection] form", Map.of());
        assertEquals(303, revoked.status());
        assertEquals(0, accessTokenRows(tokens.getAccessToken().getValue()));
        assertEquals("invalid_grant", error(exchange(auth, new RefreshTokenGrant(tokens.getRefreshToken()))).getCode());
        assertTrue(browser.get("/account").doc().select("#connected-apps tr[data-connection]").isEmpty());
    }

    @Test
    void promptLoginForcesAFreshLoginEvenWithASession() throws Exception {
        OAuthFlow flow = newUser(true);
        Started s = request(basicId, SCOPES, true);
        URI url = URI.create(s.url() + "&prompt=login");
        var first = flow.browser().get(url.getRawPath() + "?" + url.getRawQuery());
        assertEquals(303, first.status());
        assertTrue(first.location().startsWith("/login?return_to="), first.location());
        assertEquals(303, flow.browser().get("/account").status(), "the old session is over");
        AuthorizationCode code = code(flow.authorize(url, true), s.state());
        var tokens = exchange(new ClientSecretBasic(basicId, basicSecret), new AuthorizationCodeGrant(code, CALLBACK, s.verifier()));
        assertTrue(tokens.indicatesSuccess());
    }

    private static int successes(Callable<TokenResponse> attempt) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Future<TokenResponse>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) results.add(pool.submit(attempt));
            int ok = 0;
            for (Future<TokenResponse> f : results) {
                TokenResponse r = f.get();
                if (r.indicatesSuccess()) ok++;
                else assertEquals("invalid_grant", error(r).getCode());
            }
            return ok;
        }
    }
}

package dev.portcullis.endsession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RP-Initiated Logout: confirmation, registered return URIs only, the session really ends. */
class EndSessionTest {
    static final String PASSWORD = "correct horse battery";
    static final String CALLBACK = "http://127.0.0.1/cb";
    static final String VERIFIER = "v".repeat(43);
    static TestServer server;
    static AppService.Created app;
    static int users;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE);
        app = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Relying party", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(CALLBACK))).withScopes(List.of("openid")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void discoveryNamesTheEndSessionEndpoint() throws Exception {
        var doc = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertEquals(server.portcullis().config().server().issuer() + "/oauth2/logout", doc.get("end_session_endpoint").asText());
    }

    @Test
    void signedInWithAHintThenConfirmEndsTheSessionAndReturnsWithState() {
        Browser browser = signedIn();
        String hint = idToken(browser);
        var confirm = browser.get("/oauth2/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" + enc(CALLBACK) + "&state=bye%20now");
        assertEquals(200, confirm.status());
        assertNotNull(confirm.doc().selectFirst("form#logout"), confirm.text());
        assertEquals(200, browser.get("/account").status(), "nothing ends before the person confirms");

        var done = browser.submit(confirm, "form#logout", Map.of());
        assertEquals(303, done.status());
        assertEquals(CALLBACK + "?state=bye+now", done.location());
        assertEquals(303, browser.get("/account").status(), "the session is over");
    }

    @Test
    void unregisteredReturnUriThenAnErrorPageAndNoRedirectAndTheSessionStays() {
        Browser browser = signedIn();
        String hint = idToken(browser);
        for (String uri : List.of("https://evil.example/cb", CALLBACK + "/other", "http://127.0.0.1/cb?x=1")) {
            var page = browser.get("/oauth2/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" + enc(uri));
            assertEquals(400, page.status(), uri);
            assertNull(page.response().headers().firstValue("Location").orElse(null), "never redirected: " + uri);
        }
        var withoutClient = browser.get("/oauth2/logout?post_logout_redirect_uri=" + enc(CALLBACK));
        assertEquals(400, withoutClient.status(), "a return URI needs a client to check it against");
        assertEquals(200, browser.get("/account").status());
    }

    @Test
    void forgedHintOrMismatchedClientThenRefused() {
        Browser browser = signedIn();
        String hint = idToken(browser);
        String[] parts = hint.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertEquals(400, browser.get("/oauth2/logout?id_token_hint=" + tampered).status());
        assertEquals(400, browser.get("/oauth2/logout?id_token_hint=not.a.jwt").status());
        assertEquals(400, browser.get("/oauth2/logout?id_token_hint=" + hint + "&client_id=someone-else").status());
        String accessToken = server.portcullis().core().keys().sign(new JWTClaimsSet.Builder()
                .issuer(server.portcullis().config().server().issuer().toString()).audience(app.app().clientId()).build(),
                new JOSEObjectType("at+jwt"));
        assertEquals(400, browser.get("/oauth2/logout?id_token_hint=" + accessToken).status(), "an access token is no ID token");
        assertEquals(200, browser.get("/account").status());
    }

    @Test
    void confirmWithoutCsrfThen403AndTheSessionStays() {
        Browser browser = signedIn();
        var forged = browser.post("/oauth2/logout/confirm", Map.of("client_id", app.app().clientId()));
        assertEquals(403, forged.status());
        assertEquals(200, browser.get("/account").status());
    }

    @Test
    void notSignedInThenStraightBackWithAHintOrTheLoggedOutPage() {
        String hint = idToken(signedIn());
        Browser anonymous = new Browser(server);
        var back = anonymous.get("/oauth2/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" + enc(CALLBACK) + "&state=s");
        assertEquals(303, back.status());
        assertEquals(CALLBACK + "?state=s", back.location());
        var clientIdAlone = anonymous.get("/oauth2/logout?client_id=" + app.app().clientId() + "&post_logout_redirect_uri=" + enc(CALLBACK));
        assertEquals(400, clientIdAlone.status(), "a return URI needs an ID token the client was given");
        var page = anonymous.get("/oauth2/logout");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("You are logged out"), page.text());
    }

    @Test
    void aSelfRegisteredClientCannotTurnLogoutIntoARedirectorForStrangers() throws Exception {
        var registered = server.post("/oauth2/register", "application/json",
                "{\"redirect_uris\": [\"https://evil.example/phish\"], \"token_endpoint_auth_method\": \"none\"}");
        String evilClient = Json.MAPPER.readTree(registered.body()).get("client_id").asText();
        // The attacker's own genuine ID token from their own client, about themselves.
        String attacker = server.portcullis().core().identity().signUp("Mallory", "mallory@example.com", PASSWORD).user().id();
        String hint = server.portcullis().core().keys().sign(new JWTClaimsSet.Builder()
                .issuer(server.portcullis().config().server().issuer().toString()).audience(evilClient).subject(attacker).build(),
                JOSEObjectType.JWT);
        String url = "/oauth2/logout?id_token_hint=" + hint + "&post_logout_redirect_uri=" + enc("https://evil.example/phish");
        assertEquals(400, new Browser(server).get(url).status(), "nobody signed in: no redirect");
        Browser victim = signedIn();
        var page = victim.get(url);
        assertEquals(400, page.status(), "signed in as someone else: no redirect");
        assertNull(page.response().headers().firstValue("Location").orElse(null));
    }

    @Test
    void postFromTheClientsSiteBecomesAGetThatCarriesTheSession() {
        Browser browser = signedIn();
        String hint = idToken(browser);
        var posted = browser.post("/oauth2/logout", Map.of("id_token_hint", hint, "post_logout_redirect_uri", CALLBACK, "state", "s"));
        assertEquals(303, posted.status());
        assertTrue(posted.location().startsWith("/oauth2/logout?id_token_hint="), posted.location());
        assertNotNull(browser.follow(posted).doc().selectFirst("form#logout"), "the person confirms, with their session in view");
    }

    @Test
    void aPostWithoutTheSessionCookieClearsNothing() {
        Browser stranger = new Browser(server);
        var confirm = stranger.post("/oauth2/logout/confirm", Map.of("state", "x"));
        assertEquals(200, confirm.status());
        assertTrue(confirm.response().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("portcullis_session=")),
                "another site's post must not overwrite the session cookie");
    }

    @Test
    void headAnswersAsGetWould() {
        Browser anonymous = new Browser(server);
        var get = anonymous.get("/oauth2/logout?id_token_hint=garbage");
        var head = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/oauth2/logout?id_token_hint=garbage"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(get.status(), head.statusCode());
        assertEquals("", head.body());
    }

    private static Browser signedIn() {
        Browser browser = new Browser(server);
        browser.signUp("Grace", "grace" + (++users) + "@example.com", PASSWORD);
        return browser;
    }

    /** An ID token for the signed-in person, through the real authorize and token endpoints (no login asked). */
    private static String idToken(Browser browser) {
        URI url = server.uri("/authorize?response_type=code&scope=openid&client_id=" + app.app().clientId() + "&redirect_uri="
                + CALLBACK + "&state=s&code_challenge_method=S256&code_challenge=" + Pkce.s256(VERIFIER));
        URI redirect = new OAuthFlow(browser, "unused@example.com", PASSWORD).authorize(url, true);
        String code = redirect.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        var res = new OAuthClient(server).token(OAuthClient.basic(app.app().clientId(), app.clientSecret().orElseThrow()),
                OAuthClient.params("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK, "code_verifier", VERIFIER));
        try {
            return Json.MAPPER.readTree(res.body()).get("id_token").asText();
        } catch (Exception e) {
            throw new AssertionError(res.body(), e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

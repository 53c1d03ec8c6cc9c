package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC Core §3.1.2.1 max_age (a login older than it logs in again) and login_hint (the email is filled in). */
class MaxAgeAndLoginHintTest {
    static final String EMAIL = "grace@example.com";
    static final String PASSWORD = "correct horse battery";
    static final String VERIFIER = "v".repeat(43);
    MutableClock clock;
    TestServer server;
    AppService.Created app;
    Browser browser;
    Instant signedUpAt;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        server = TestServer.start(Db.SQLITE, clock);
        app = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Relying party", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri("http://127.0.0.1/cb"))).withScopes(List.of("openid", "task:read")));
        browser = new Browser(server);
        signedUpAt = clock.instant();
        browser.signUp("Grace Hopper", EMAIL, PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginOlderThanMaxAgeThenLoginAgainAndTheIdTokenSaysWhen() throws Exception {
        clock.advance(Duration.ofMinutes(10));
        URI url = authorize("&max_age=60");
        var first = browser.get(url.getRawPath() + "?" + url.getRawQuery());
        assertEquals(303, first.status());
        assertTrue(first.location().startsWith("/login?"), first.location());
        assertEquals(303, browser.get("/account").status(), "the old session is over");
        URI redirect = new OAuthFlow(browser, EMAIL, PASSWORD).authorize(url, true);
        long authTime = SignedJWT.parse(idToken(redirect)).getJWTClaimsSet().getDateClaim("auth_time").toInstant().getEpochSecond();
        assertTrue(authTime >= signedUpAt.plus(Duration.ofMinutes(10)).getEpochSecond(), "auth_time is the new login");
    }

    @Test
    void loginWithinMaxAgeThenNoLoginPageAndTheOriginalAuthTime() throws Exception {
        clock.advance(Duration.ofMinutes(10));
        URI url = authorize("&max_age=3600");
        var first = browser.get(url.getRawPath() + "?" + url.getRawQuery());
        assertFalse(first.status() == 303 && first.location().startsWith("/login"), "no login page");
        URI redirect = new OAuthFlow(browser, EMAIL, PASSWORD).authorize(url, true);
        long authTime = SignedJWT.parse(idToken(redirect)).getJWTClaimsSet().getDateClaim("auth_time").toInstant().getEpochSecond();
        assertTrue(authTime < signedUpAt.plus(Duration.ofMinutes(1)).getEpochSecond(), "auth_time is still the sign-up");
    }

    @Test
    void promptNoneWithALoginOlderThanMaxAgeThenLoginRequired() {
        clock.advance(Duration.ofMinutes(10));
        URI url = authorize("&max_age=60&prompt=none");
        var res = browser.get(url.getRawPath() + "?" + url.getRawQuery());
        assertEquals(302, res.status());
        assertTrue(res.location().startsWith("http://127.0.0.1/cb?"), res.location());
        assertTrue(res.location().contains("error=login_required"), res.location());
        assertEquals(200, browser.get("/account").status(), "a silent request ends no session");
    }

    @Test
    void malformedMaxAgeThenInvalidRequestRedirect() {
        for (String bad : List.of("-1", "ten", "99999999999")) {
            URI url = authorize("&max_age=" + bad);
            var res = browser.get(url.getRawPath() + "?" + url.getRawQuery());
            assertEquals(302, res.status(), bad);
            assertTrue(res.location().contains("error=invalid_request"), res.location());
            assertTrue(res.location().contains("state=s"), res.location());
        }
    }

    @Test
    void loginHintFillsInTheEmailOnTheLoginPage() {
        Browser stranger = new Browser(server);
        URI url = authorize("&login_hint=ada%2Btest%40example.com");
        var first = stranger.get(url.getRawPath() + "?" + url.getRawQuery());
        var login = stranger.follow(first);
        assertEquals("ada+test@example.com", login.doc().selectFirst("form#login input[name=email]").attr("value"));
    }

    private URI authorize(String extra) {
        return server.uri("/authorize?response_type=code&scope=openid&client_id=" + app.app().clientId()
                + "&redirect_uri=http://127.0.0.1/cb&state=s&code_challenge_method=S256&code_challenge=" + Pkce.s256(VERIFIER) + extra);
    }

    private String idToken(URI redirect) throws Exception {
        String code = redirect.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        var res = new OAuthClient(server).token(OAuthClient.basic(app.app().clientId(), app.clientSecret().orElseThrow()),
                OAuthClient.params("grant_type", "authorization_code", "code", code, "redirect_uri", "http://127.0.0.1/cb",
                        "code_verifier", VERIFIER));
        assertEquals(200, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body()).get("id_token").asText();
    }
}

package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Past the failed-login limit the person stays on the login form: 429 with Retry-After, the wait
 * in words with a countdown, the app still named, and the authorization request kept, so after
 * the wait the same form logs them in and the flow goes on to consent. Logging out says so.
 */
class ThrottledLoginTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String REDIRECT = "https://rp.example/cb";

    @ParameterizedTest
    @EnumSource(Db.class)
    void throttledLoginKeepsTheFormAndTheRequestAndContinuesToConsentAfterTheWait(Db db) throws Exception {
        // 6 failures a minute: one more try every 10 seconds once spent, short enough to wait for.
        var config = ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE", "6")).withStorage(TestDatabases.fresh(db));
        try (var server = TestServer.start(config)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            String clientId = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Taskr", AuthMethod.NONE)
                    .withRedirectUris(List.of(new RedirectUri(REDIRECT))).withScopes(List.of("openid", "task:read"))).app().clientId();
            var browser = new Browser(server);
            var login = browser.follow(browser.get(authorize(clientId)));
            assertEquals("Log in to continue to Taskr", login.doc().selectFirst("h1").text());
            String returnTo = login.doc().selectFirst("form#login input[name=return_to]").attr("value");
            assertTrue(returnTo.startsWith("/authorize/"), returnTo);

            // Guess until refused (the bucket refills while a slow machine guesses), then the right password.
            var page = login;
            for (int i = 0; page.status() != 429; i++) {
                assertTrue(i < 60, "never throttled");
                page = browser.submit(page, "form#login", Map.of("email", "ada@example.com", "password", "guess " + i));
            }
            var throttled = browser.submit(page, "form#login", Map.of("email", "ada@example.com", "password", PASSWORD));
            assertEquals(429, throttled.status());
            long wait = Long.parseLong(throttled.header("Retry-After"));
            assertTrue(wait >= 1 && wait <= 10, "Retry-After " + wait);
            assertEquals("text/html; charset=utf-8", throttled.header("Content-Type"));
            var alert = throttled.doc().selectFirst("[data-testid=throttled]");
            assertNotNull(alert, throttled.text());
            assertEquals("alert", alert.attr("role"));
            assertTrue(alert.text().matches("Too many attempts\\. Try again in \\d+ seconds?\\."), alert.text());
            assertEquals(Long.toString(wait), throttled.doc().selectFirst("#retry-after").attr("data-seconds"));
            assertNotNull(throttled.doc().selectFirst("script[src=/assets/signin.js]"), "the countdown");
            assertEquals("Log in to continue to Taskr", throttled.doc().selectFirst("h1").text());
            assertEquals(returnTo, throttled.doc().selectFirst("form#login input[name=return_to]").attr("value"));
            assertEquals("ada@example.com", throttled.doc().selectFirst("form#login input[name=email]").attr("value"));
            assertTrue(browser.cookie("portcullis_session").isEmpty(), "the right password did not get in while throttled");

            Thread.sleep(wait * 1000 + 200);
            var in = browser.submit(throttled, "form#login", Map.of("email", "ada@example.com", "password", PASSWORD));
            assertEquals(303, in.status(), in.text());
            assertEquals(returnTo, in.location());
            var consent = browser.follow(in);
            assertNotNull(consent.doc().selectFirst("form#consent"), consent.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void logoutLandsOnTheLoginPageSayingYouAreLoggedOut(Db db) {
        try (var server = TestServer.start(db)) {
            var browser = new Browser(server);
            browser.signUp("Ada", "ada@example.com", PASSWORD);
            var out = browser.submit(browser.get("/account"), "form[action=/logout]", Map.of());
            assertEquals(303, out.status());
            assertEquals("/login?logged_out", out.location());
            var login = browser.follow(out);
            assertEquals(200, login.status());
            assertEquals("You are logged out.", login.doc().selectFirst("[data-testid=logged-out]").text());
            assertNotNull(login.doc().selectFirst("form#login"));
            assertNull(browser.get("/login").doc().selectFirst("[data-testid=logged-out]"), "only after a logout");
        }
    }

    private static String authorize(String clientId) {
        return "/authorize?response_type=code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + Pkce.s256("v".repeat(43));
    }
}

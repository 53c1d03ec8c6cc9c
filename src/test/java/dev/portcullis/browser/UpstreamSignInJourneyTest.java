package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.federation.UpstreamProviderFields;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A person with an account at another OpenID provider (a second Portcullis, at localhost, so its
 * cookies are its own) signs in to Portcullis with it from an app's authorization request, in a
 * real browser, and reaches that app's consent page.
 */
@Tag("browser")
class UpstreamSignInJourneyTest {
    private static final String PASSWORD = "correct horse battery staple";
    static Chromium browser;
    static TestServer upstream;
    static TestServer downstream;
    static String appId;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        int port = freePort();
        upstream = TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", "http://localhost:" + port,
                "PORTCULLIS_SIGNUPS_PER_HOUR", TestServer.TEST_SIGNUPS_PER_HOUR)).withStorage(TestDatabases.fresh(Db.SQLITE)));
        downstream = TestServer.start(Db.SQLITE);
        var registered = upstream.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Portcullis at Acme",
                        AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(downstream.uri("/login/upstream/upstream/callback").toString())))
                .withScopes(List.of("openid", "profile", "email")));
        downstream.portcullis().core().upstreamProviders().create(new UpstreamProviderFields("upstream", "Upstream Co",
                "http://localhost:" + port, registered.app().clientId(), registered.clientSecret().orElseThrow(), null, null, null));
        appId = downstream.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri("http://127.0.0.1:3050/callback")))
                .withScopes(List.of("openid", "profile"))).app().clientId();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (downstream != null) downstream.close();
            if (upstream != null) upstream.close();
        }
    }

    @BeforeEach
    void signedOut(TestInfo test) {
        browser.beginJourney(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void signInWithTheUpstreamProviderThenReachTheAppsConsent() {
        upstream.portcullis().core().identity().signUp("Grace Hopper", "grace@example.com", PASSWORD);
        browser.open(downstream.uri("/oauth2/authorize?response_type=code&client_id=" + appId
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A3050%2Fcallback&scope=openid%20profile&state=s1"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256").toString());
        browser.find("form#login");
        browser.screenshot("login-with-button");
        browser.choose("[data-testid=upstream-providers] a", "Sign in with Upstream Co");
        browser.find("form#login");
        assertEquals("localhost", URI.create(browser.url()).getHost(), "at the upstream's login page");
        browser.fill("form#login", Map.of("email", "grace@example.com", "password", PASSWORD));
        browser.screenshot("upstream-login");
        browser.clickAndWait("form#login button[type=submit]");
        browser.find("form#consent");
        assertEquals("localhost", URI.create(browser.url()).getHost(), "the upstream asks its own consent");
        browser.clickAndWait("form#consent button[value=approve]");
        browser.find("form#consent");
        browser.screenshot("downstream-consent");
        assertEquals("127.0.0.1", URI.create(browser.url()).getHost(), "back at Portcullis: " + browser.url());
        assertTrue(browser.text("main").contains("Taskr"), browser.text("main"));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

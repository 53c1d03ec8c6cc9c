package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Passkeys in Chromium, answered by its virtual authenticator (CTAP2, internal, discoverable
 * credentials, user verified) through the real pages and /assets/passkeys.js: add one on
 * /account/passkeys, rename it, sign in with it alone, use it after the password, remove it.
 */
@Tag("browser")
class PasskeyBrowserTest {
    static final String EMAIL = "lin@example.com";

    static TestServer server;
    static Chromium browser;

    @BeforeAll
    static void start() {
        // localhost, not 127.0.0.1: a browser takes only a domain as the RP ID.
        server = TestServer.start(TestServer.configOnLocalhost(TestDatabases.fresh(Db.SQLITE)));
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    static String url(String path) {
        return server.portcullis().config().server().issuer() + path;
    }

    @Test
    void addRenameSignInWithItAloneAndAfterThePasswordThenRemoveIt() {
        browser.beginJourney("passkeys");
        VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
        try {
            browser.open(url("/signup"));
            browser.fill("form#signup", Map.of("name", "Lin Chen", "email", EMAIL, "password", Stage.PASSWORD));
            browser.clickAndWait("form#signup button[type=submit]");

            browser.open(url("/account/passkeys"));
            assertTrue(browser.has("[data-testid=no-passkeys]"));
            browser.fill("form#add-passkey", Map.of("name", "This laptop"));
            browser.clickAndWait("form#add-passkey button[type=submit]");
            assertEquals("Passkey added: This laptop.", browser.text("[data-testid=notice]"));
            assertEquals("This laptop", browser.text("[data-testid=passkey-name]"));
            assertEquals(1, authenticator.getCredentials().size());
            assertTrue(authenticator.getCredentials().getFirst().isResidentCredential(), "a discoverable credential");
            browser.screenshot("passkey-added");

            browser.find("tr[data-passkey-id] details.confirm summary").click();
            browser.fill("form.rename-passkey", Map.of("name", "Work laptop"));
            browser.clickAndWait("form.rename-passkey button[type=submit]");
            assertEquals("Work laptop", browser.text("[data-testid=passkey-name]"));

            browser.clickAndWait("form[action='/logout'] button");
            browser.find("form#passkey-login button").isDisplayed();
            browser.screenshot("login-with-passkey-button");
            browser.clickAndWait("form#passkey-login button[type=submit]");
            assertTrue(browser.url().endsWith("/account"), browser.url());
            browser.open(url("/account/passkeys"));
            assertFalse(browser.text("[data-testid=passkey-last-used]").equals("never"));

            browser.clickAndWait("form[action='/logout'] button");
            browser.fill("form#login", Map.of("email", EMAIL, "password", Stage.PASSWORD));
            browser.clickAndWait("form#login button[type=submit]");
            assertTrue(browser.url().endsWith("/login/second-factor"), browser.url());
            assertFalse(browser.has("form#second-factor"), "no code form without an authenticator app");
            browser.screenshot("second-factor-passkey");
            browser.clickAndWait("form#passkey-second-factor button[type=submit]");
            assertTrue(browser.url().endsWith("/account"), browser.url());

            String userId = server.portcullis().core().identity().findByEmail(EMAIL).orElseThrow().id();
            var logins = server.portcullis().core().events().page(EventQuery.newest(5).ofTypes(Set.of(EventType.LOGIN_SUCCEEDED))
                    .byActor(userId)).events();
            assertEquals(List.of("pwd", "hwk", "mfa"), logins.get(0).data().get("amr"));
            assertEquals(List.of("hwk", "user", "mfa"), logins.get(1).data().get("amr"));
            assertEquals("passkey", logins.get(1).data().get("method"));

            browser.open(url("/account/passkeys"));
            browser.clickAndWait("form.remove-passkey button[type=submit]");
            assertTrue(browser.has("[data-testid=no-passkeys]"));
            assertEquals("Passkey removed: it no longer signs you in.", browser.text("[data-testid=notice]"));
        } finally {
            browser.removeAuthenticator(authenticator);
        }
    }
}

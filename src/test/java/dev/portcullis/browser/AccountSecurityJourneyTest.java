package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestMailbox;
import dev.portcullis.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A person in Chromium, with their mail in a real SMTP server: sign up, open the verification
 * link, see the address verified, log out, forget the password, reset it by mail, log in.
 */
@Tag("browser")
class AccountSecurityJourneyTest {
    static final String EMAIL = "grace@example.com";
    static final String NEW_PASSWORD = "violet kettle marmalade orbit";

    static TestMailbox mailbox;
    static TestServer server;
    static Chromium browser;

    @BeforeAll
    static void start() {
        mailbox = TestMailbox.start();
        server = TestServer.start(mailbox.configure(TestServer.configFor(TestDatabases.fresh(Db.SQLITE))));
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
            if (mailbox != null) mailbox.close();
        }
    }

    @Test
    void signUpVerifyLogOutForgetResetAndLogInWithTheNewPassword() {
        browser.beginJourney("account-security");
        browser.open(server.uri("/signup").toString());
        browser.fill("form#signup", Map.of("name", "Grace Hopper", "email", EMAIL, "password", Stage.PASSWORD));
        browser.clickAndWait("form#signup button[type=submit]");
        assertTrue(browser.text("[data-testid=email-status]").contains("not verified"), browser.text("[data-testid=email-status]"));

        browser.open(mailbox.next(EMAIL).link());
        assertEquals("Email verified", browser.text("h1"));
        browser.clickAndWait("#email-verified a[href='/account']");
        assertTrue(browser.text("[data-testid=email-status]").endsWith("verified"), browser.text("[data-testid=email-status]"));
        assertTrue(!browser.text("[data-testid=email-status]").contains("not verified"));
        assertTrue(browser.has("#sessions [data-testid=this-session]"));
        browser.screenshot("account-verified");

        browser.clickAndWait("form[action='/logout'] button");
        assertEquals("You are logged out.", browser.text("[data-testid=logged-out]"));
        browser.clickAndWait("#forgot-link a");
        browser.fill("form#forgot", Map.of("email", EMAIL));
        browser.clickAndWait("form#forgot button[type=submit]");
        assertEquals("Check your mail", browser.text("h1"));

        browser.open(mailbox.next(EMAIL).link());
        browser.fill("form#reset", Map.of("password", NEW_PASSWORD));
        browser.clickAndWait("form#reset button[type=submit]");
        assertEquals("Password changed", browser.text("h1"));
        browser.screenshot("password-changed");

        browser.clickAndWait("#reset-done a[href='/login']");
        browser.fill("form#login", Map.of("email", EMAIL, "password", Stage.PASSWORD));
        browser.clickAndWait("form#login button[type=submit]");
        assertTrue(browser.has("form#login"), "the old password is refused");
        browser.fill("form#login", Map.of("email", EMAIL, "password", NEW_PASSWORD));
        browser.clickAndWait("form#login button[type=submit]");
        assertTrue(browser.url().endsWith("/account"), browser.url());
        assertTrue(browser.text("[data-testid=email-status]").contains(EMAIL));
    }
}

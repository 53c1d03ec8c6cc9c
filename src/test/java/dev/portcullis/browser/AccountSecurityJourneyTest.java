package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.mfa.Totp;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestMailbox;
import dev.portcullis.support.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * A person in Chromium, with their mail in a real SMTP server and a passkey authenticator in the
 * browser (its virtual authenticator): sign up, open the verification link, enrol a passkey and an
 * authenticator app (codes computed from the shown secret by the server's own TOTP code), log in
 * with the passkey alone, then with the password and a TOTP code, forget the password, reset it by
 * mail and log in with the new one (the old one refused), the passkey as the second factor.
 */
@Tag("browser")
class AccountSecurityJourneyTest {
    static final String EMAIL = "grace@example.com";
    static final String NEW_PASSWORD = "violet kettle marmalade orbit";
    static final Totp TOTP = new Totp();

    static TestMailbox mailbox;
    static TestServer server;
    static Chromium browser;
    /** The last TOTP step the server accepted: a code counts once, so the next one comes from a later step. */
    static long lastStep;

    @BeforeAll
    static void start() {
        mailbox = TestMailbox.start();
        // localhost, not 127.0.0.1: a browser takes only a domain as the WebAuthn RP ID.
        server = TestServer.start(mailbox.configure(TestServer.configOnLocalhost(TestDatabases.fresh(Db.SQLITE))));
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

    static String url(String path) {
        return server.portcullis().config().server().issuer() + path;
    }

    /** A code of a step after the last one used, waiting for the next 30-second step when needed. */
    static String nextCode(byte[] secret) throws InterruptedException {
        Instant now = Instant.now();
        while (Totp.step(now) <= lastStep) {
            Thread.sleep(250);
            now = Instant.now();
        }
        lastStep = Totp.step(now);
        return TOTP.code(secret, now);
    }

    @Test
    void signUpVerifyEnrolAPasskeyAndTotpLogInWithEachThenResetTheForgottenPassword() throws InterruptedException {
        browser.beginJourney("account-security");
        VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
        try {
            browser.open(url("/signup"));
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

            // A passkey, from the account page's Passkeys section.
            browser.clickAndWait("#passkeys-summary a[href='/account/passkeys']");
            browser.fill("form#add-passkey", Map.of("name", "Grace's laptop"));
            browser.clickAndWait("form#add-passkey button[type=submit]");
            assertEquals("Grace's laptop", browser.text("[data-testid=passkey-name]"));
            assertEquals(1, authenticator.getCredentials().size());
            browser.screenshot("passkey-added");

            // An authenticator app: the secret as shown, its first code.
            browser.open(url("/account/two-factor"));
            byte[] secret = new Base32().decode(browser.text("[data-testid=totp-secret]"));
            browser.fill("form#confirm-authenticator", Map.of("code", nextCode(secret)));
            browser.clickAndWait("form#confirm-authenticator button[type=submit]");
            assertTrue(browser.has("[data-testid=authenticator-on]"));
            assertEquals(10, browser.text("[data-testid=recovery-codes]").split(" ").length);
            browser.screenshot("authenticator-on");

            // The passkey alone.
            browser.clickAndWait("form[action='/logout'] button");
            browser.clickAndWait("form#passkey-login button[type=submit]");
            assertTrue(browser.url().endsWith("/account"), browser.url());
            browser.screenshot("signed-in-with-passkey");

            // The password, then a code of the app.
            browser.clickAndWait("form[action='/logout'] button");
            browser.fill("form#login", Map.of("email", EMAIL, "password", Stage.PASSWORD));
            browser.clickAndWait("form#login button[type=submit]");
            assertTrue(browser.url().endsWith("/login/second-factor"), browser.url());
            browser.screenshot("second-factor");
            browser.fill("form#second-factor", Map.of("code", nextCode(secret)));
            browser.clickAndWait("form#second-factor button[type=submit]");
            assertTrue(browser.url().endsWith("/account"), browser.url());

            // Forgotten: a reset by mail.
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
            assertTrue(browser.url().endsWith("/login/second-factor"), browser.url());
            browser.clickAndWait("form#passkey-second-factor button[type=submit]");
            assertTrue(browser.url().endsWith("/account"), browser.url());
            assertTrue(browser.text("[data-testid=email-status]").contains(EMAIL));

            String userId = server.portcullis().core().identity().findByEmail(EMAIL).orElseThrow().id();
            var amrs = server.portcullis().core().events().page(EventQuery.newest(10).ofTypes(Set.of(EventType.LOGIN_SUCCEEDED))
                    .byActor(userId)).events().stream().map(e -> e.data().get("amr")).toList();
            assertEquals(List.of(List.of("pwd", "hwk", "mfa"), List.of("pwd", "otp", "mfa"), List.of("hwk", "user", "mfa")), amrs);
        } finally {
            browser.removeAuthenticator(authenticator);
        }
    }
}

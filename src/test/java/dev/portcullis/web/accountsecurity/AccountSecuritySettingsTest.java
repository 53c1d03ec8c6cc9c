package dev.portcullis.web.accountsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.portcullis.config.Config;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestMailbox;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PORTCULLIS_REQUIRE_VERIFIED_EMAIL and PORTCULLIS_PASSWORD_RESETS_PER_HOUR, each on a server of its own. */
class AccountSecuritySettingsTest {
    static final String PASSWORD = AccountSecurityHttpTest.PASSWORD;

    static TestServer start(TestMailbox mailbox, Db db, boolean requireVerified, int resetsPerHour) {
        Config config = mailbox.configure(TestServer.configFor(TestDatabases.fresh(db)));
        return TestServer.start(config.withMail(new Config.Mail(config.mail().smtp(), config.mail().from(), requireVerified, resetsPerHour)));
    }

    /** GETs {@code path} and follows redirects within the server, as a browser would. */
    static Browser.Page open(Browser browser, String path) {
        var page = browser.get(path);
        while ((page.status() == 302 || page.status() == 303) && page.location().startsWith("/")) page = browser.get(page.location());
        return page;
    }

    static String path(URI uri) {
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void withVerifiedEmailRequiredAuthorizeAsksToVerifyFirstThenConnects(Db db) throws Exception {
        try (TestMailbox mailbox = TestMailbox.start();
             TestServer server = start(mailbox, db, true, 100)) {
            Browser browser = new Browser(server);
            browser.signUp("Ada", "ada@example.com", PASSWORD);
            String firstLink = mailbox.next("ada@example.com").link();
            OidcClaims apps = new OidcClaims(server);

            URI authorize = apps.authorizeUrl(new State(), new CodeVerifier());
            var asked = open(browser, path(authorize));
            assertEquals(403, asked.status(), asked.text());
            assertTrue(asked.text().contains("Verify your email address"));
            assertTrue(asked.text().contains("ada@example.com"));
            assertTrue(asked.doc().select("form#consent").isEmpty(), "no consent before verification");

            var resent = browser.submit(asked, "form#resend-verification", Map.of());
            assertEquals(303, resent.status(), resent.text());
            assertTrue(resent.location().startsWith("/authorize/continue?handle="), "back to the same request: " + resent.location());
            String link = mailbox.next("ada@example.com").link();
            assertEquals(400, new Browser(server).get(path(URI.create(firstLink))).status(), "the resent link replaced the first");

            var silent = open(browser, path(URI.create(authorize + "&prompt=none")));
            assertTrue(silent.location().contains("error=consent_required"), silent.location());

            assertEquals(200, browser.get(path(URI.create(link))).status());
            assertEquals(new OidcClaims.EmailVerified(true, true), apps.read(browser, "ada@example.com", PASSWORD));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void pastTheResetLimitForgotAnswersTheTooManyAttemptsPageNotAnError(Db db) {
        try (TestMailbox mailbox = TestMailbox.start();
             TestServer server = start(mailbox, db, false, 1)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            Browser person = new Browser(server);
            assertEquals(200, person.submit(person.get("/forgot"), "form#forgot", Map.of("email", "ada@example.com")).status());
            var limited = person.submit(person.get("/forgot"), "form#forgot", Map.of("email", "ADA@example.com"));
            assertEquals(429, limited.status(), limited.text());
            assertTrue(limited.response().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(limited.text().contains("Too many attempts"), limited.text());
            assertNotNull(limited.header("Retry-After"));
            var unknown = person.submit(person.get("/forgot"), "form#forgot", Map.of("email", "nobody@example.com"));
            assertEquals(200, unknown.status(), "the limit counts per address typed, known or not");
            var unknownAgain = person.submit(person.get("/forgot"), "form#forgot", Map.of("email", "nobody@example.com"));
            assertEquals(429, unknownAgain.status(), "an unknown address is limited exactly like a known one");

            Browser ada = new Browser(server);
            ada.logIn("ada@example.com", PASSWORD);
            assertEquals(303, ada.submit(ada.get("/account"), "form#resend-verification", Map.of()).status());
            var tooMany = ada.submit(ada.get("/account"), "form#resend-verification", Map.of());
            assertEquals(429, tooMany.status(), "sending the verification link again is limited per account too");
            assertTrue(tooMany.text().contains("Too many attempts"), tooMany.text());
        }
    }
}

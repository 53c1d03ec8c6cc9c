package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign-up, login and logout through the real forms on a real port, on both databases. */
class LoginPagesTest {
    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpCreatesAccountAndWorkspaceAndSignsIn(Db db) {
        try (var server = TestServer.start(db)) {
            var browser = new Browser(server);
            var done = browser.signUp("Ada Lovelace", "ada@example.com", PASSWORD);
            assertEquals("/account", done.location());
            String setCookie = done.response().headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("portcullis_session=")).findFirst().orElseThrow();
            assertTrue(setCookie.contains("HttpOnly"), setCookie);
            assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
            assertTrue(setCookie.contains("Path=/"), setCookie);
            assertFalse(setCookie.contains("Secure"), "http issuer: " + setCookie);
            var account = browser.get("/account");
            assertEquals(200, account.status());
            assertTrue(account.text().contains("Ada Lovelace"));
            assertTrue(account.text().contains("Ada Lovelace's workspace"));
            assertNotNull(account.doc().selectFirst("#connected-apps"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void loginPageHonoursThePageContract(Db db) {
        try (var server = TestServer.start(db)) {
            var page = new Browser(server).get("/login");
            assertEquals(200, page.status());
            assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
            assertTrue(page.header("Content-Security-Policy").contains("style-src 'self'"));
            assertEquals("DENY", page.header("X-Frame-Options"));
            assertEquals("en", page.doc().selectFirst("html").attr("lang"));
            var form = page.doc().selectFirst("form#login");
            assertNotNull(form);
            assertEquals("username", form.selectFirst("input[name=email]").attr("autocomplete"));
            assertEquals("current-password", form.selectFirst("input[name=password]").attr("autocomplete"));
            assertTrue(form.selectFirst("input[name=email]").hasAttr("autofocus"));
            assertFalse(form.selectFirst("input[name=password]").hasAttr("autofocus"));
            var hinted = new Browser(server).get("/login?email=ada%40example.com").doc();
            assertFalse(hinted.selectFirst("input[name=email]").hasAttr("autofocus"));
            assertTrue(hinted.selectFirst("input[name=password]").hasAttr("autofocus"), "the email is known: the password is next");
            assertNotNull(form.selectFirst("button[type=submit]"));
            for (var input : form.select("input:not([type=hidden])")) {
                assertNotNull(page.doc().selectFirst("label[for=" + input.id() + "]"), "label for " + input.id());
            }
            assertNotNull(page.doc().selectFirst("link[rel=stylesheet][href=/assets/portcullis.css]"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void loginThenLogoutEndsTheSessionEverywhere(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            var browser = new Browser(server);
            var loggedIn = browser.logIn("ADA@example.com", PASSWORD);
            assertEquals(303, loggedIn.status());
            assertEquals("/account", loggedIn.location());
            String session = browser.cookie("portcullis_session").orElseThrow();
            var account = browser.get("/account");
            assertEquals(200, account.status());
            var out = browser.submit(account, "form[action=/logout]", Map.of());
            assertEquals(303, out.status());
            assertEquals("/login?logged_out", out.location());
            assertTrue(browser.get("/account").location().startsWith("/login"));
            // The old cookie value is dead on the server, not just forgotten by this browser.
            var replay = new Browser(server);
            replay.setCookie("portcullis_session", session);
            assertEquals(303, replay.get("/account").status());
            String hash = SecretHash.of(session).hex();
            assertEquals(0L, (long) server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM login_sessions WHERE id_hash = ?", hash)));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void wrongPasswordAndUnknownAccountGetTheSameMessage(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            var browser = new Browser(server);
            var wrong = browser.logIn("ada@example.com", "not the password");
            var unknown = browser.logIn("nobody@example.com", PASSWORD);
            for (var page : List.of(wrong, unknown)) {
                assertEquals(400, page.status());
                assertEquals("Invalid email or password", page.doc().selectFirst("[role=alert]").text());
                assertNotNull(page.doc().selectFirst("form#login"));
            }
            assertTrue(browser.cookie("portcullis_session").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void loginWithMissingOrWrongCsrfIsForbiddenAndNoSessionStarts(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            var browser = new Browser(server);
            var form = browser.get("/login");
            var missing = browser.post("/login", Map.of("email", "ada@example.com", "password", PASSWORD));
            var wrong = browser.submit(form, "form#login", Map.of("email", "ada@example.com", "password", PASSWORD, "csrf", "x".repeat(43)));
            var noCookie = new Browser(server).post("/login", Map.of("email", "ada@example.com", "password", PASSWORD,
                    "csrf", form.doc().selectFirst("input[name=csrf]").attr("value")));
            for (var page : List.of(missing, wrong, noCookie)) {
                assertEquals(403, page.status());
                assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
            }
            assertTrue(browser.cookie("portcullis_session").isEmpty());
            assertEquals(1L, (long) server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM login_sessions")));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpWithoutCsrfIsForbiddenAndCreatesNothing(Db db) {
        try (var server = TestServer.start(db)) {
            var page = new Browser(server).post("/signup", Map.of("name", "Eve", "email", "eve@example.com", "password", PASSWORD));
            assertEquals(403, page.status());
            assertEquals(0L, (long) server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM users")));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void logoutWithoutCsrfIsForbiddenAndSessionSurvives(Db db) {
        try (var server = TestServer.start(db)) {
            var browser = new Browser(server);
            browser.signUp("Ada", "ada@example.com", PASSWORD);
            assertEquals(403, browser.post("/logout", Map.of()).status());
            assertEquals(403, browser.post("/logout", Map.of("csrf", "forged")).status());
            assertEquals(200, browser.get("/account").status());
            // Another site's post brings no cookie (SameSite=Lax); its answer must not clear ours.
            var crossSite = new Browser(server).post("/logout", Map.of());
            assertTrue(crossSite.response().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("portcullis_session=")));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpWithTakenEmailShowsTheFormAgain(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            var browser = new Browser(server);
            var again = browser.submit(browser.get("/signup"), "form#signup",
                    Map.of("name", "Ada 2", "email", "Ada@Example.com", "password", PASSWORD));
            assertEquals(400, again.status());
            assertEquals("An account with this email already exists", again.doc().selectFirst("[role=alert]").text());
            assertEquals("Ada 2", again.doc().selectFirst("input[name=name]").attr("value"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpWithAGuessablePasswordShowsWhyAndCreatesNothing(Db db) {
        try (var server = TestServer.start(db)) {
            var browser = new Browser(server);
            for (String weak : List.of("password", "Password123!", "ada@example.com")) {
                var refused = browser.submit(browser.get("/signup"), "form#signup",
                        Map.of("name", "Ada", "email", "ada@example.com", "password", weak));
                assertEquals(400, refused.status(), weak);
                assertTrue(refused.doc().selectFirst("[role=alert]").text().startsWith("This password is too easy to guess."), refused.text());
                assertEquals("ada@example.com", refused.doc().selectFirst("input[name=email]").attr("value"));
            }
            var common = browser.submit(browser.get("/signup"), "form#signup",
                    Map.of("name", "Ada", "email", "ada@example.com", "password", "password"));
            assertTrue(common.text().contains("This is a top-10 common password."), common.text());
            assertEquals(0L, (long) server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM users")));
            assertTrue(browser.cookie("portcullis_session").isEmpty());
            assertEquals("/account", browser.signUp("Ada", "ada@example.com", "violet kettle marmalade").location());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpsFromOneAddressPastTheHourlyLimitThen429AndNoAccount(Db db) {
        var config = ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_SIGNUPS_PER_HOUR", "3")).withStorage(TestDatabases.fresh(db));
        try (var server = TestServer.start(config)) {
            int limit = server.portcullis().config().limits().signupsPerHour();
            for (int i = 0; i < limit; i++) new Browser(server).signUp("User " + i, "user" + i + "@example.com", PASSWORD);
            var browser = new Browser(server);
            var blocked = browser.submit(browser.get("/signup"), "form#signup",
                    Map.of("name", "One Too Many", "email", "late@example.com", "password", PASSWORD));
            assertEquals(429, blocked.status());
            assertTrue(Long.parseLong(blocked.header("Retry-After")) >= 1);
            assertFalse(server.portcullis().core().identity().authenticate("late@example.com", PASSWORD).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void failedLoginsPastTheLimitAreThrottledEvenWithTheRightPassword(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            int limit = server.portcullis().config().limits().loginAttemptsPerMinute();
            var browser = new Browser(server);
            for (int i = 0; i < limit; i++) assertEquals(400, browser.logIn("ada@example.com", "guess " + i).status());
            var blocked = browser.logIn("ada@example.com", PASSWORD);
            assertEquals(429, blocked.status());
            assertTrue(Long.parseLong(blocked.header("Retry-After")) >= 1);
            assertTrue(blocked.text().contains("Too many attempts. Try again in"), blocked.text());
            assertNotNull(blocked.doc().selectFirst("form#login"), "the form, not an error page");
            assertTrue(browser.cookie("portcullis_session").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void attackerAddressAtItsLimitIsRefusedEvenWithTheRightPasswordWhileTheOwnerOnAnotherAddressLogsIn(Db db) {
        try (var server = TestServer.start(behindProxy(db))) {
            int limit = signUpAda(server);
            var attacker = new Browser(server).from("198.51.100.7");
            // Guess as fast as answers come for a while: only `limit` a minute get through (61 x limit an hour at most).
            long start = System.nanoTime();
            int guesses = 0;
            boolean refused = false;
            while (!refused || System.nanoTime() - start < 8_000_000_000L) {
                int status = attacker.logIn("ada@example.com", "guess " + guesses).status();
                if (status == 400) guesses++;
                refused |= status == 429;
                if (status == 429) sleep(200);
            }
            double minutes = (System.nanoTime() - start) / 60e9;
            assertTrue(guesses <= limit + (int) Math.ceil(minutes * limit), guesses + " guesses in " + minutes + " min");
            var blocked = attacker.logIn("ada@example.com", PASSWORD);
            assertEquals(429, blocked.status(), "the attacker's address waits, even with the right password");
            assertTrue(Long.parseLong(blocked.header("Retry-After")) >= 1);
            assertTrue(attacker.cookie("portcullis_session").isEmpty());

            var owner = new Browser(server).from("203.0.113.9");
            var in = owner.logIn("ada@example.com", PASSWORD);
            assertEquals(303, in.status(), "the owner on another address is not locked out: " + in.text());
            assertEquals(200, owner.get("/account").status());

            // The account's budget is spent: a further guessing address gets one try, then waits like the first.
            var second = new Browser(server).from("198.51.100.8");
            assertEquals(400, second.logIn("ada@example.com", "guess").status());
            assertEquals(429, second.logIn("ada@example.com", PASSWORD).status());
            assertTrue(second.cookie("portcullis_session").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void oneAddressGuessingAcrossAccountsIsRefusedPastThreeTimesTheLimit(Db db) {
        try (var server = TestServer.start(behindProxy(db))) {
            int limit = signUpAda(server);
            var attacker = new Browser(server).from("198.51.100.7");
            long start = System.nanoTime();
            int guesses = 0;
            while (attacker.logIn("user" + guesses + "@example.com", "guess").status() == 400) guesses++;
            double minutes = (System.nanoTime() - start) / 60e9;
            assertTrue(guesses >= 3 * limit && guesses <= 3 * limit + (int) Math.ceil(minutes * 3 * limit), guesses + " guesses");
            assertEquals(429, attacker.logIn("ada@example.com", PASSWORD).status(), "a fresh account does not reset the address");
            assertEquals(303, new Browser(server).from("203.0.113.9").logIn("ada@example.com", PASSWORD).status());
        }
    }

    /** Behind a proxy on 127.0.0.1, with 2 failures a minute per account and address, so buckets barely refill during a test. */
    private static dev.portcullis.config.Config behindProxy(Db db) {
        return ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_TRUSTED_PROXIES", "127.0.0.1", "PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE", "2")).withStorage(TestDatabases.fresh(db));
    }

    /** Ada signs up from her own address; returns the failed-login limit. */
    private static int signUpAda(TestServer server) {
        new Browser(server).from("192.0.2.1").signUp("Ada", "ada@example.com", PASSWORD);
        return server.portcullis().config().limits().loginAttemptsPerMinute();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void returnToIsFollowedOnlyWhenLocal(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            assertEquals("/authorize/resume?handle=abc", logInVia(server, "/authorize/resume?handle=abc"));
            for (String evil : List.of("//evil.com", "https://evil.com", "/\\evil.com", "/\\/evil.com", "http:evil.com",
                    "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y", "")) {
                assertEquals("/account", logInVia(server, evil), evil);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void pageNeedingLoginRedirectsToLoginAndBack(Db db) {
        try (var server = TestServer.start(db)) {
            var browser = new Browser(server);
            var redirect = browser.get("/workspaces");
            assertEquals(303, redirect.status());
            assertEquals("/login?return_to=%2Fworkspaces", redirect.location());
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            var form = browser.follow(redirect);
            var done = browser.submit(form, "form#login", Map.of("email", "ada@example.com", "password", PASSWORD));
            assertEquals("/workspaces", done.location());
            assertNotEquals(303, browser.get("/workspaces").status());
        }
    }

    private static String logInVia(TestServer server, String returnTo) {
        var browser = new Browser(server);
        var form = browser.get("/login?return_to=" + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8));
        var done = browser.submit(form, "form#login", Map.of("email", "ada@example.com", "password", PASSWORD));
        assertEquals(303, done.status(), done.text());
        return done.location();
    }
}

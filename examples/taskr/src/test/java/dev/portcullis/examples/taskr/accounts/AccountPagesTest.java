package dev.portcullis.examples.taskr.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.examples.taskr.support.Browser;
import dev.portcullis.examples.taskr.support.TaskrServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccountPagesTest {
    private static TaskrServer taskr;

    @BeforeAll
    static void start() {
        taskr = TaskrServer.start(URI.create("http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        taskr.close();
    }

    @Test
    void signUpThenHomeGreetsUserAndOffersConnect() {
        Browser browser = taskr.browser();
        var signedUp = browser.signUp("Ada <Lovelace>", "ada-signup@example.com", "correct horse battery");
        assertEquals(303, signedUp.status());
        assertEquals("/", signedUp.location());

        var home = browser.get("/");
        assertEquals(200, home.status());
        assertTrue(home.body().contains("Ada &lt;Lovelace&gt;"), home.body());
        assertTrue(home.body().contains("id=\"connect\""));
        assertTrue(home.body().contains("Portcullis: disconnected"));
    }

    @Test
    void homeWhenLoggedOutThenRedirectsToLogin() {
        var home = taskr.browser().get("/");
        assertEquals(303, home.status());
        assertEquals("/login", home.location());
    }

    @Test
    void signUpWhenEmailTakenInAnyCaseThen409() {
        taskr.browser().signUp("Grace", "grace@example.com", "correct horse battery");
        var again = taskr.browser().signUp("Impostor", "GRACE@example.com", "another password");
        assertEquals(409, again.status());
        assertTrue(again.body().contains("already exists"));
    }

    @Test
    void signUpWhenPasswordTooShortThen400AndNoAccount() {
        var page = taskr.browser().signUp("Shorty", "shorty@example.com", "short");
        assertEquals(400, page.status());
        assertEquals(401, taskr.browser().logIn("shorty@example.com", "short").status());
    }

    @Test
    void logInWithRightPasswordThenHomeAndWithWrongOneThen401() {
        taskr.browser().signUp("Linus", "linus@example.com", "correct horse battery");
        Browser browser = taskr.browser();

        var wrong = browser.logIn("linus@example.com", "wrong horse battery");
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("Email or password is incorrect."));
        assertEquals(401, browser.logIn("nobody@example.com", "correct horse battery").status());

        var right = browser.logIn("LINUS@example.com", "correct horse battery");
        assertEquals(303, right.status());
        assertEquals(200, browser.get("/").status());
    }

    @Test
    void logOutThenSessionIsGoneEvenForItsOldCookie() {
        Browser browser = taskr.browser();
        browser.signUp("Barbara", "barbara@example.com", "correct horse battery");
        String oldCookie = browser.cookie("taskr_session");

        var out = browser.submit("/", "/logout", Map.of());
        assertEquals(303, out.status());
        assertEquals("/login", out.location());
        assertEquals(303, browser.get("/").status());

        Browser replay = taskr.browser();
        replay.setCookie("taskr_session", oldCookie);
        assertEquals("/login", replay.get("/").location());
    }

    @Test
    void formPostWithoutMatchingCsrfTokenThen403() {
        taskr.browser().signUp("Edsger", "edsger@example.com", "correct horse battery");
        Browser browser = taskr.browser();
        browser.get("/login");
        var forged = browser.post("/login", Map.of("email", "edsger@example.com", "password", "correct horse battery", "csrf", "forged"));
        assertEquals(403, forged.status());
        var missing = browser.post("/login", Map.of("email", "edsger@example.com", "password", "correct horse battery"));
        assertEquals(403, missing.status());
    }

    @Test
    void sessionCookieIsHttpOnlyLaxAndRotatedAtLogin() {
        Browser browser = taskr.browser();
        var form = browser.get("/signup");
        String cookie = form.setCookies().getFirst();
        assertTrue(cookie.startsWith("taskr_session="), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        String anonymous = browser.cookie("taskr_session");

        browser.signUp("Alan", "alan@example.com", "correct horse battery");
        assertNotEquals(anonymous, browser.cookie("taskr_session"));
    }

    @Test
    void passwordIsStoredAsArgon2idHashOnly() throws Exception {
        taskr.browser().signUp("Hedy", "hedy@example.com", "frequency hopping");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + taskr.databaseFile());
             ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM users WHERE email = 'hedy@example.com'")) {
            assertTrue(rs.next());
            String hash = rs.getString(1);
            assertTrue(hash.startsWith("$argon2id$"), hash);
            assertTrue(!hash.contains("frequency hopping"));
        }
    }

    @Test
    void unknownPathThen404Page() {
        var page = taskr.browser().get("/nothing-here");
        assertEquals(404, page.status());
        assertTrue(page.body().contains("id=\"message\""));
    }
}

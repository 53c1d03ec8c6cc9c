package dev.portcullis.web.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A flash's lifetime and its tie to the login session, through the real pages and a clock the test moves. */
class FlashesHttpTest {
    private static final String PASSWORD = "correct horse battery";
    static final MutableClock clock = MutableClock.startingNow();
    static TestServer server;
    static int users;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE, clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new developer's browser and the redirect of their "create app" POST, not yet followed. */
    private static Browser.Page createApp(Browser dev) {
        users++;
        dev.signUp("Dev " + users, "flash" + users + "@example.com", PASSWORD);
        var posted = dev.submit(dev.get("/dashboard"), "form#create-app", Map.of("name", "Taskr", "token_endpoint_auth_method",
                "client_secret_basic"));
        assertEquals(303, posted.status(), posted.text());
        return posted;
    }

    @Test
    void aFlashNotReadWithinFiveMinutesIsGone() {
        var dev = new Browser(server);
        var posted = createApp(dev);
        clock.advance(Flashes.LIFETIME);
        var late = dev.get(posted.location());
        assertEquals(200, late.status());
        assertNull(late.doc().selectFirst("[data-testid=client-secret]"));
        assertFalse(late.response().body().contains("pc_secret_"));
    }

    @Test
    void aFlashReadJustInTimeShowsTheSecret() {
        var dev = new Browser(server);
        var posted = createApp(dev);
        clock.advance(Flashes.LIFETIME.minus(Duration.ofSeconds(1)));
        assertNotNull(dev.get(posted.location()).doc().selectFirst("[data-testid=client-secret]"));
    }

    @Test
    void loggingOutDropsTheSessionsFlashes() {
        var dev = new Browser(server);
        var posted = createApp(dev);
        String session = SecretHash.of(dev.cookie("portcullis_session").orElseThrow()).hex();
        assertEquals(1, flashesOf(session));
        String csrf = dev.get("/dashboard").doc().selectFirst("form[action=/logout] input[name=csrf]").attr("value");
        dev.post("/logout", Map.of("csrf", csrf));
        assertEquals(0, flashesOf(session), "gone with the login session");
        assertEquals(303, dev.logIn("flash" + users + "@example.com", PASSWORD).status());
        var page = dev.get(posted.location());
        assertEquals(200, page.status());
        assertNull(page.doc().selectFirst("[data-testid=client-secret]"), "nor does the next session see it");
    }

    private static long flashesOf(String sessionHash) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM page_flashes WHERE session_hash = ?",
                sessionHash));
    }

    @Test
    void aMalformedOrUnknownFlashIdIsIgnored() {
        var dev = new Browser(server);
        var posted = createApp(dev);
        String path = posted.location().substring(0, posted.location().indexOf('?'));
        for (String id : new String[] {"x", "%00", "A".repeat(43), "../../etc"}) {
            var page = dev.get(path + "?flash=" + id);
            assertEquals(200, page.status(), id);
            assertNull(page.doc().selectFirst("[data-testid=notice]"), id);
        }
        assertNotNull(dev.get(posted.location()).doc().selectFirst("[data-testid=client-secret]"), "the real one is untouched");
    }
}

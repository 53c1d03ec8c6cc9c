package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.browser.Visitor.Decision;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.Cookie;

/**
 * A Portcullis user connects the Taskr example to their workspace in a real browser: the tasks
 * show up, a refusal is explained, a forged callback is refused, and revoking on the account
 * page disconnects Taskr.
 */
@Tag("browser")
class TaskrJourneyTest {
    static Stage stage;
    static Chromium browser;
    static int visitors;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        stage = Stage.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (stage != null) stage.close();
        }
    }

    /** Cookies are per host, not per port: clearing them signs the visitor out of both apps. */
    @BeforeEach
    void signedOutOfBoth(TestInfo test) {
        browser.beginJourney(test.getTestMethod().orElseThrow().getName());
    }

    static Visitor newVisitor(String name) {
        return new Visitor(browser, stage, name, "visitor" + (++visitors) + "-" + System.nanoTime() + "@example.com");
    }

    @Test
    void connectWhenApprovedThenTaskrListsTheWorkspaceTasks() {
        Visitor ada = newVisitor("Ada Lovelace");
        ada.signUpOnPortcullis();
        stage.addTask(ada.email(), "Write the first program <for the Analytical Engine>");
        ada.signUpOnTaskr();
        assertEquals("Portcullis: disconnected", browser.text("#status"));

        ada.connect(Decision.APPROVE);

        assertTrue(browser.url().startsWith(stage.taskr("/")), browser.url());
        assertEquals("Portcullis: connected", browser.text("#status"));
        assertEquals("Connected to Portcullis.", browser.text("#message"));
        assertEquals("Write the first program <for the Analytical Engine>",
                browser.text("ul#tasks > li.task .content"), "the task text, escaped and shown as text");
    }

    @Test
    void connectWithTwoWorkspacesThenThePickerDecidesWhichOneTaskrSees() {
        Visitor ada = newVisitor("Ada King");
        ada.signUpOnPortcullis();
        ada.createWorkspace("Analytical Engine");
        stage.addTask(ada.email(), Optional.of("Ada King's workspace"), "Only in the first workspace");
        stage.addTask(ada.email(), Optional.of("Analytical Engine"), "Only in the Analytical Engine");
        ada.signUpOnTaskr();

        ada.connect(Decision.APPROVE, "Analytical Engine");

        assertEquals("Portcullis: connected", browser.text("#status"));
        assertEquals("Only in the Analytical Engine", browser.text("ul#tasks > li.task .content"));
        assertFalse(browser.text("ul#tasks").contains("Only in the first workspace"), "the other workspace stays private");
    }

    @Test
    void connectWhenDeniedThenTaskrExplainsAndStaysDisconnected() {
        Visitor grace = newVisitor("Grace Hopper");
        stage.createUser("Grace Hopper", grace.email());
        grace.signUpOnTaskr();

        grace.connect(Decision.DENY);

        assertEquals("You declined to connect Portcullis.", browser.text("#message"));
        assertEquals("Portcullis: disconnected", browser.text("#status"));
        assertFalse(browser.has("ul#tasks"));
    }

    @Test
    void callbackWhenStateForgedThen403AndNothingConnected() {
        Visitor mallory = newVisitor("Mallory Victim");
        stage.createUser("Mallory Victim", mallory.email());
        mallory.signUpOnTaskr();
        mallory.startConnect();
        browser.find("form#login");
        browser.screenshot("portcullis-login-pending");
        String forged = stage.taskr("/integrations/portcullis/callback?code=pc_code_forged&state=forged&iss="
                + stage.portcullis(""));

        HttpResponse<String> refused = getWithTaskrSession(forged);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("state mismatch"), refused.body());

        browser.open(forged);
        browser.screenshot("taskr-forged-state");
        assertTrue(browser.text("body").contains("does not belong to your session"), browser.text("body"));
        mallory.openTaskr();
        assertEquals("Portcullis: disconnected", browser.text("#status"));
    }

    @Test
    void revokeOnAccountPageThenTaskrShowsDisconnectedOnNextLoad() {
        Visitor alan = newVisitor("Alan Turing");
        alan.signUpOnPortcullis();
        stage.addTask(alan.email(), "Break Enigma");
        alan.signUpOnTaskr();
        alan.connect(Decision.APPROVE);
        assertEquals("Break Enigma", browser.text("ul#tasks > li.task .content"));

        String connection = alan.revokeOnAccount();

        assertFalse(browser.has("#connected-apps tr[data-connection='" + connection + "']"), "the row is gone");
        alan.openTaskr();
        assertEquals("Portcullis: disconnected", browser.text("#status"));
        assertTrue(browser.text("#message").contains("connection has ended"), browser.text("#message"));
        assertFalse(browser.has("ul#tasks"));
        assertTrue(browser.has("form#connect-form button#connect"), "Connect is offered again");
    }

    /** The browser's own Taskr session, sent by a plain client so the status code can be read. */
    private static HttpResponse<String> getWithTaskrSession(String url) {
        Cookie session = browser.driver().manage().getCookieNamed("taskr_session");
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Cookie", "taskr_session=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

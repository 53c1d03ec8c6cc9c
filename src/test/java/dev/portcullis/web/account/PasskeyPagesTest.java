package dev.portcullis.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.http.Json;
import dev.portcullis.mfa.SoftAuthenticator;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /account/passkeys over HTTP, with a software authenticator answering the ceremonies: a passkey is
 * added (passkey.added), listed, renamed and removed (passkey.removed); a challenge answers once and
 * only in time, only from the issuer's origin; another user's passkey is a 404; every form needs its CSRF token.
 */
class PasskeyPagesTest {
    static final String PASSWORD = "correct horse battery";
    static final MutableClock clock = MutableClock.startingNow();
    static TestServer server;
    static String origin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE, clock);
        origin = server.uri("").toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Signs {@code email} up and opens the passkeys page. */
    static Browser signedUp(String email) {
        var browser = new Browser(server);
        browser.signUp("Ada", email, PASSWORD);
        return browser;
    }

    static String csrf(Browser.Page page) {
        return page.doc().selectFirst("form#add-passkey input[name=csrf]").attr("value");
    }

    /** The creation options the page's script would fetch. */
    static String options(Browser browser, Browser.Page page) {
        var options = browser.post(PasskeyPages.PATH + "/options", Map.of("csrf", csrf(page)));
        assertEquals(200, options.status(), options.text());
        assertTrue(options.header("Content-Type").startsWith("application/json"), options.header("Content-Type"));
        return options.response().body();
    }

    /** Registers {@code key} for the signed-in user under {@code name}; the 303 of the add form. */
    static Browser.Page add(Browser browser, SoftAuthenticator key, String name) {
        var page = browser.get(PasskeyPages.PATH);
        String answer = key.register(options(browser, page), origin);
        return browser.submit(page, "form#add-passkey", Map.of("name", name, "credential", answer));
    }

    static List<Event> events(EventType type, String userId) {
        return server.portcullis().core().events().page(EventQuery.newest(20).ofTypes(Set.of(type)).byActor(userId)).events();
    }

    static String userId(String email) {
        return server.portcullis().core().identity().findByEmail(email).orElseThrow().id();
    }

    @Test
    void aPasskeyIsAddedListedRenamedAndRemoved() throws Exception {
        var browser = signedUp("ada-pages@example.com");
        var empty = browser.get(PasskeyPages.PATH);
        assertEquals(200, empty.status());
        assertTrue(empty.doc().selectFirst("[data-testid=no-passkeys]") != null);
        String options = options(browser, empty);
        assertTrue(options.contains("\"attestation\":\"none\"") && options.contains("\"residentKey\":\"required\""), options);
        assertEquals("127.0.0.1", Json.MAPPER.readTree(options).path("rp").path("id").asText(), "the rpId is the issuer's host");
        assertFalse(options.contains(userId("ada-pages@example.com")), "the user handle is not the user id");

        var added = add(browser, new SoftAuthenticator(), "Laptop");
        assertEquals(303, added.status(), added.text());
        var listed = browser.follow(added);
        assertEquals("Passkey added: Laptop.", listed.doc().selectFirst("[data-testid=notice]").text());
        assertEquals("Laptop", listed.doc().selectFirst("[data-testid=passkey-name]").text());
        assertEquals("never", listed.doc().selectFirst("[data-testid=passkey-last-used]").text());
        String user = userId("ada-pages@example.com");
        assertEquals(1, events(EventType.PASSKEY_ADDED, user).size());
        assertEquals("Laptop", events(EventType.PASSKEY_ADDED, user).getFirst().data().get("name"));

        var renamed = browser.follow(browser.submit(listed, "form.rename-passkey", Map.of("name", "Work laptop")));
        assertEquals("Work laptop", renamed.doc().selectFirst("[data-testid=passkey-name]").text());

        var removed = browser.follow(browser.submit(renamed, "form.remove-passkey", Map.of()));
        assertTrue(removed.doc().selectFirst("[data-testid=no-passkeys]") != null, removed.text());
        assertEquals(1, events(EventType.PASSKEY_REMOVED, user).size());
    }

    @Test
    void aChallengeAnswersOnce() {
        var browser = signedUp("ada-replay@example.com");
        var page = browser.get(PasskeyPages.PATH);
        String answer = new SoftAuthenticator().register(options(browser, page), origin);
        String ceremony = browser.cookie("portcullis_passkey").orElseThrow();
        assertEquals(303, browser.submit(page, "form#add-passkey", Map.of("credential", answer)).status());
        browser.setCookie("portcullis_passkey", ceremony);
        var replay = browser.submit(page, "form#add-passkey", Map.of("credential", answer));
        assertEquals(400, replay.status(), "the same answer again finds its challenge spent");
        assertEquals(1, browser.get(PasskeyPages.PATH).doc().select("[data-testid=passkey-name]").size());
    }

    @Test
    void anExpiredChallengeIsRefused() {
        var browser = signedUp("ada-expired@example.com");
        var page = browser.get(PasskeyPages.PATH);
        String answer = new SoftAuthenticator().register(options(browser, page), origin);
        clock.advance(Duration.ofMinutes(6));
        var late = browser.submit(page, "form#add-passkey", Map.of("credential", answer));
        assertEquals(400, late.status());
        assertTrue(browser.get(PasskeyPages.PATH).doc().selectFirst("[data-testid=no-passkeys]") != null);
    }

    @Test
    void anAnswerFromAnotherOriginIsRefused() {
        var browser = signedUp("ada-origin@example.com");
        var page = browser.get(PasskeyPages.PATH);
        String answer = new SoftAuthenticator().register(options(browser, page), "https://portcullis.evil.example");
        assertEquals(400, browser.submit(page, "form#add-passkey", Map.of("credential", answer)).status());
        assertTrue(browser.get(PasskeyPages.PATH).doc().selectFirst("[data-testid=no-passkeys]") != null);
    }

    @Test
    void garbageInsteadOfAnAnswerIsA400() {
        var browser = signedUp("ada-garbage@example.com");
        var page = browser.get(PasskeyPages.PATH);
        options(browser, page);
        for (String garbage : List.of("", "{}", "not json", "{\"id\":\"AA\",\"type\":\"public-key\",\"response\":{}}")) {
            var refused = browser.submit(page, "form#add-passkey", Map.of("credential", garbage));
            assertEquals(400, refused.status(), garbage + ": " + refused.text());
            options(browser, page);
        }
    }

    @Test
    void anotherUsersPasskeyCannotBeRenamedNorRemoved() {
        var ada = signedUp("ada-owner@example.com");
        var listed = ada.follow(add(ada, new SoftAuthenticator(), "Ada's key"));
        String id = listed.doc().selectFirst("tr[data-passkey-id]").attr("data-passkey-id");

        var eve = signedUp("eve-other@example.com");
        String eveCsrf = csrf(eve.get(PasskeyPages.PATH));
        assertEquals(404, eve.post(PasskeyPages.PATH + "/" + id + "/remove", Map.of("csrf", eveCsrf)).status());
        assertEquals(404, eve.post(PasskeyPages.PATH + "/" + id + "/rename", Map.of("csrf", eveCsrf, "name", "mine")).status());
        assertEquals("Ada's key", ada.get(PasskeyPages.PATH).doc().selectFirst("[data-testid=passkey-name]").text());
        assertEquals(0, events(EventType.PASSKEY_REMOVED, userId("eve-other@example.com")).size());
    }

    @Test
    void everyFormNeedsItsCsrfToken() {
        var browser = signedUp("ada-csrf@example.com");
        var listed = browser.follow(add(browser, new SoftAuthenticator(), "Key"));
        String id = listed.doc().selectFirst("tr[data-passkey-id]").attr("data-passkey-id");
        assertEquals(403, browser.post(PasskeyPages.PATH + "/options", Map.of()).status());
        assertEquals(403, browser.post(PasskeyPages.PATH, Map.of("credential", "{}")).status());
        assertEquals(403, browser.post(PasskeyPages.PATH + "/" + id + "/rename", Map.of("csrf", "wrong", "name", "x")).status());
        assertEquals(403, browser.post(PasskeyPages.PATH + "/" + id + "/remove", Map.of()).status());
        assertEquals("Key", browser.get(PasskeyPages.PATH).doc().selectFirst("[data-testid=passkey-name]").text());
    }

    @Test
    void signedOutThePageSendsToLogin() {
        var page = new Browser(server).get(PasskeyPages.PATH);
        assertEquals(303, page.status());
        assertTrue(page.location().startsWith("/login?return_to="), page.location());
    }
}

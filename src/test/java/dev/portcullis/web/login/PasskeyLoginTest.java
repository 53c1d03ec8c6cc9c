package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.mfa.SoftAuthenticator;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passkeys at login over HTTP, answered by a software authenticator: as the first factor
 * (usernameless, user verification required, return_to kept) and as the second factor after the
 * password (only the pending user's passkey). Each answer counts once, only from the issuer's
 * origin, and a signature counter that goes back is refused.
 */
class PasskeyLoginTest {
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

    /** Signs {@code email} up and registers {@code key} as their passkey; then logs that browser out. */
    static SoftAuthenticator withPasskey(String email, SoftAuthenticator key) {
        var browser = new Browser(server);
        browser.signUp("Ada", email, PASSWORD);
        var page = browser.get("/account/passkeys");
        var options = browser.post("/account/passkeys/options",
                Map.of("csrf", page.doc().selectFirst("form#add-passkey input[name=csrf]").attr("value")));
        var added = browser.submit(page, "form#add-passkey", Map.of("name", "Laptop", "credential", key.register(options.response().body(), origin)));
        assertEquals(303, added.status(), added.text());
        return key;
    }

    /** The request options a page's script would fetch from {@code optionsPath}, with the page's form's csrf. */
    static String options(Browser browser, Browser.Page page, String form, String optionsPath) {
        var options = browser.post(optionsPath, Map.of("csrf", page.doc().selectFirst(form + " input[name=csrf]").attr("value")));
        assertEquals(200, options.status(), options.text());
        return options.response().body();
    }

    static List<Event> logins(String email) {
        String userId = server.portcullis().core().identity().findByEmail(email).orElseThrow().id();
        return server.portcullis().core().events().page(EventQuery.newest(20).ofTypes(Set.of(EventType.LOGIN_SUCCEEDED)).byActor(userId))
                .events();
    }

    @Test
    void aPasskeySignsInWithoutEmailOrPasswordAndGoesOnToReturnTo() {
        var key = withPasskey("ada-first@example.com", new SoftAuthenticator());
        var browser = new Browser(server);
        var login = browser.get("/login?return_to=/account/passkeys");
        assertTrue(login.doc().selectFirst("form#passkey-login button") != null, "the login page offers a passkey");
        String options = options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options");
        assertTrue(options.contains("\"allowCredentials\":[]") && options.contains("\"userVerification\":\"required\""), options);
        var done = browser.submit(login, "form#passkey-login", Map.of("credential", key.answer(options, origin)));
        assertEquals(303, done.status(), done.text());
        assertEquals("/account/passkeys", done.location());
        var page = browser.get("/account/passkeys");
        assertEquals(200, page.status());
        assertTrue(!page.doc().selectFirst("[data-testid=passkey-last-used]").text().equals("never"), "the use is recorded");
        Event event = logins("ada-first@example.com").getFirst();
        assertEquals("passkey", event.data().get("method"));
        assertEquals(List.of("hwk", "user", "mfa"), event.data().get("amr"));
    }

    @Test
    void aSyncedPasskeyIsASoftwareKey() {
        var key = withPasskey("ada-synced@example.com", new SoftAuthenticator().synced());
        var browser = new Browser(server);
        var login = browser.get("/login");
        var done = browser.submit(login, "form#passkey-login",
                Map.of("credential", key.answer(options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin)));
        assertEquals(303, done.status(), done.text());
        assertEquals(List.of("swk", "user", "mfa"), logins("ada-synced@example.com").getFirst().data().get("amr"));
    }

    @Test
    void withoutUserVerificationAPasskeyAloneDoesNotSignIn() {
        var key = withPasskey("ada-no-uv@example.com", new SoftAuthenticator());
        var browser = new Browser(server);
        var login = browser.get("/login");
        String options = options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options");
        String challenge = options.replaceAll(".*\"challenge\":\"([^\"]+)\".*", "$1");
        var refused = browser.submit(login, "form#passkey-login", Map.of("credential", key.answer(challenge, origin, false)));
        assertEquals(400, refused.status());
        assertEquals(LoginPages.PASSKEY_REFUSED, refused.doc().selectFirst("#form-error").text());
        assertEquals(303, browser.get("/account").status(), "nobody is signed in");
    }

    @Test
    void anAnswerIsGoodOnceOnlyInTimeAndOnlyFromTheIssuersOrigin() {
        var key = withPasskey("ada-replay@example.com", new SoftAuthenticator());
        var browser = new Browser(server);
        var login = browser.get("/login");
        String answer = key.answer(options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin);
        String ceremony = browser.cookie("portcullis_passkey").orElseThrow();
        assertEquals(303, browser.submit(login, "form#passkey-login", Map.of("credential", answer)).status());

        var other = new Browser(server);
        var again = other.get("/login");
        other.setCookie("portcullis_passkey", ceremony);
        assertEquals(400, other.submit(again, "form#passkey-login", Map.of("credential", answer)).status(), "replayed");

        String late = key.answer(options(other, again, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(400, other.submit(again, "form#passkey-login", Map.of("credential", late)).status(), "expired");

        String phished = key.answer(options(other, again, "form#passkey-login", LoginPages.PASSKEY + "/options"), "https://login.evil.example");
        assertEquals(400, other.submit(again, "form#passkey-login", Map.of("credential", phished)).status(), "another origin");
        assertEquals(303, other.get("/account").status());
    }

    @Test
    void anUnknownPasskeyAndAClonedOneAreRefused() {
        // A key that made a credential but whose registration never reached the server.
        var unknown = new SoftAuthenticator();
        var owner = new Browser(server);
        owner.signUp("Ada", "ada-unknown@example.com", PASSWORD);
        var account = owner.get("/account/passkeys");
        unknown.register(options(owner, account, "form#add-passkey", "/account/passkeys/options"), origin);
        var browser = new Browser(server);
        var login = browser.get("/login");
        assertEquals(400, browser.submit(login, "form#passkey-login",
                Map.of("credential", unknown.answer(options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin)))
                .status(), "a credential the server does not know");

        var key = withPasskey("ada-clone@example.com", new SoftAuthenticator());
        assertEquals(303, browser.submit(login, "form#passkey-login",
                Map.of("credential", key.answer(options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin))).status());
        key.counter(0); // a copy of the key made before that sign-in: its counter is behind
        var clone = new Browser(server);
        var page = clone.get("/login");
        var refused = clone.submit(page, "form#passkey-login",
                Map.of("credential", key.answer(options(clone, page, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin)));
        assertEquals(400, refused.status(), "a signature counter that went back");
        assertEquals(303, clone.get("/account").status());
    }

    @Test
    void afterThePasswordAPasskeyIsTheSecondFactor() {
        var key = withPasskey("ada-second@example.com", new SoftAuthenticator());
        var browser = new Browser(server);
        var password = browser.logIn("ada-second@example.com", PASSWORD);
        assertEquals(SecondFactorPage.PATH, password.location(), "a passkey counts as a second factor");
        assertEquals(Optional.empty(), browser.cookie("portcullis_session"));
        var step = browser.follow(password);
        assertTrue(step.doc().selectFirst("form#passkey-second-factor") != null, step.text());
        assertTrue(step.doc().selectFirst("form#second-factor") == null, "no code form without an authenticator app");
        String options = options(browser, step, "form#passkey-second-factor", SecondFactorPage.PASSKEY + "/options");
        assertTrue(options.contains(key.credentialId()), "only the user's passkeys are offered: " + options);
        var done = browser.submit(step, "form#passkey-second-factor", Map.of("credential", key.answer(options, origin)));
        assertEquals(303, done.status(), done.text());
        assertEquals("/account", done.location());
        assertEquals(200, browser.get("/account").status());
        assertEquals(List.of("pwd", "hwk", "mfa"), logins("ada-second@example.com").getFirst().data().get("amr"));
    }

    @Test
    void anotherUsersPasskeyDoesNotCompleteTheSecondFactor() {
        withPasskey("ada-victim@example.com", new SoftAuthenticator());
        var bobs = withPasskey("bob-attacker@example.com", new SoftAuthenticator());
        var browser = new Browser(server);
        var step = browser.follow(browser.logIn("ada-victim@example.com", PASSWORD));
        String options = options(browser, step, "form#passkey-second-factor", SecondFactorPage.PASSKEY + "/options");
        var refused = browser.submit(step, "form#passkey-second-factor", Map.of("credential", bobs.answer(options, origin)));
        assertEquals(400, refused.status());
        assertEquals(SecondFactorPage.PASSKEY_REFUSED, refused.doc().selectFirst("#form-error").text());
        assertEquals(Optional.empty(), browser.cookie("portcullis_session"));
        assertEquals(303, browser.get("/account").status());
    }

    @Test
    void aPasskeySessionMeetsAcrValuesTwoWithoutSteppingUpAndTheIdTokenSaysSo() throws Exception {
        var key = withPasskey("ada-acr@example.com", new SoftAuthenticator());
        var browser = new Browser(server);
        var login = browser.get("/login");
        assertEquals(303, browser.submit(login, "form#passkey-login",
                Map.of("credential", key.answer(options(browser, login, "form#passkey-login", LoginPages.PASSKEY + "/options"), origin))).status());
        var flow = new CodeFlow(server, clock);
        var outcome = flow.authorize(new CodeFlow.Person(browser, "ada-acr@example.com", Optional.empty()), "&acr_values=2");
        assertEquals(List.of("consent"), outcome.forms(), "a passkey that verified the person is two factors already");
        var claims = flow.idToken(outcome);
        assertEquals(List.of("hwk", "user", "mfa"), claims.getStringListClaim("amr"));
        assertEquals("2", claims.getStringClaim("acr"));
    }

    @Test
    void theOptionsNeedTheFormsCsrfTokenAndAPendingLogin() {
        var browser = new Browser(server);
        browser.get("/login");
        assertEquals(403, browser.post(LoginPages.PASSKEY + "/options", Map.of("csrf", "wrong")).status());
        String csrf = browser.cookie("portcullis_csrf").orElseThrow();
        assertEquals(404, browser.post(SecondFactorPage.PASSKEY + "/options", Map.of("csrf", csrf)).status());
        assertEquals(403, browser.post(LoginPages.PASSKEY, Map.of("credential", "{}")).status());
    }
}

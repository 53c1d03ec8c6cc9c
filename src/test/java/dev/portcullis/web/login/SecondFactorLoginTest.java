package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.mfa.Totp;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.Recorded;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user with an authenticator app: enrolment on /account/two-factor (QR code, secret, first code,
 * recovery codes once), then a password alone signs nobody in; the code, once per step, or a
 * recovery code, once, does; and an authorization request survives the extra step.
 */
class SecondFactorLoginTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String REDIRECT = "https://rp.example/cb";
    private static final MutableClock clock = MutableClock.startingNow();
    private static final Totp totp = new Totp();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE, clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A user who signed up and turned the authenticator on; their secret and recovery codes. */
    record Enrolled(String email, byte[] secret, List<String> recoveryCodes) {
        String code() {
            return totp.code(secret, clock.instant());
        }
    }

    static Enrolled enrol(String email) {
        var browser = new Browser(server);
        browser.signUp("Ada", email, PASSWORD);
        var page = browser.get("/account/two-factor");
        assertEquals(200, page.status(), page.text());
        assertTrue(page.doc().selectFirst("[data-testid=totp-qr] svg path") != null, "a server-drawn QR code");
        byte[] secret = new Base32().decode(page.doc().selectFirst("[data-testid=totp-secret]").text());
        assertEquals(20, secret.length);

        var wrong = browser.submit(page, "form#confirm-authenticator", Map.of("code", wrongCode(secret)));
        assertEquals(400, wrong.status());
        assertTrue(wrong.doc().selectFirst("[data-testid=totp-secret]").text().equals(new Base32().encodeToString(secret).replace("=", "")),
                "a wrong first code shows the same secret again");

        var done = browser.follow(browser.submit(wrong, "form#confirm-authenticator", Map.of("code", totp.code(secret, clock.instant()))));
        assertTrue(done.doc().selectFirst("[data-testid=authenticator-on]") != null, done.text());
        List<String> codes = Arrays.asList(done.doc().selectFirst("[data-testid=recovery-codes]").text().split(" "));
        assertEquals(10, codes.size());
        assertEquals("10", done.doc().selectFirst("[data-testid=recovery-codes-left]").text());
        var reload = browser.get("/account/two-factor");
        assertTrue(reload.doc().selectFirst("[data-testid=recovery-codes]") == null, "recovery codes are shown once");
        // The confirming code's step is spent, so the login below needs the next step's code.
        clock.advance(Duration.ofSeconds(30));
        return new Enrolled(email, secret, codes);
    }

    static String wrongCode(byte[] secret) {
        String right = totp.code(secret, clock.instant());
        return right.equals("000000") ? "111111" : "000000";
    }

    static Browser.Page password(Browser browser, String email) {
        var page = browser.logIn(email, PASSWORD);
        assertEquals(303, page.status(), page.text());
        assertEquals(SecondFactorPage.PATH, page.location());
        return page;
    }

    @Test
    void thePasswordAloneDoesNotSignInAUserWithAnAuthenticator() {
        var ada = enrol("ada-alone@example.com");
        var browser = new Browser(server);
        password(browser, ada.email());
        assertEquals(Optional.empty(), browser.cookie("portcullis_session"));
        var account = browser.get("/account");
        assertEquals(303, account.status());
        assertTrue(account.location().startsWith("/login"), account.location());
    }

    @Test
    void passwordAndTheCurrentCodeSignIn() {
        var ada = enrol("ada-code@example.com");
        var browser = new Browser(server);
        var step = browser.follow(password(browser, ada.email()));
        assertEquals("Second factor", step.doc().selectFirst("h1").text());
        var done = browser.submit(step, "form#second-factor", Map.of("code", ada.code()));
        assertEquals(303, done.status(), done.text());
        assertEquals(200, browser.get("/account").status());
        assertEquals(Optional.empty(), browser.cookie("portcullis_mfa").filter(v -> !v.isEmpty()), "the pending login's cookie is cleared");
    }

    @Test
    void aWrongCodeIsRefusedAndSignsNobodyIn() {
        var ada = enrol("ada-wrong@example.com");
        var browser = new Browser(server);
        var step = browser.follow(password(browser, ada.email()));
        var refused = browser.submit(step, "form#second-factor", Map.of("code", wrongCode(ada.secret())));
        assertEquals(400, refused.status());
        assertEquals(SecondFactorPage.INVALID, refused.doc().selectFirst("#form-error").text());
        assertEquals(303, browser.get("/account").status());
    }

    @Test
    void theSameCodeReplayedInItsWindowIsRefused() {
        var ada = enrol("ada-replay@example.com");
        String code = ada.code();
        var first = new Browser(server);
        assertEquals(303, first.submit(first.follow(password(first, ada.email())), "form#second-factor", Map.of("code", code)).status());

        var second = new Browser(server);
        var replay = second.submit(second.follow(password(second, ada.email())), "form#second-factor", Map.of("code", code));
        assertEquals(400, replay.status(), "a code is good once");
        assertEquals(303, second.get("/account").status());

        clock.advance(Duration.ofSeconds(30));
        var next = second.submit(replay, "form#second-factor", Map.of("code", ada.code()));
        assertEquals(303, next.status(), "the next step's code works");
        assertEquals(200, second.get("/account").status());
    }

    @Test
    void aRecoveryCodeWorksOnceAndIsRefusedTheSecondTime() {
        var ada = enrol("ada-recovery@example.com");
        String recovery = ada.recoveryCodes().get(3).toUpperCase(); // any case, as typed
        var first = new Browser(server);
        var used = first.submit(first.follow(password(first, ada.email())), "form#second-factor", Map.of("code", recovery));
        assertEquals(303, used.status(), used.text());
        assertEquals("9", first.get("/account/two-factor").doc().selectFirst("[data-testid=recovery-codes-left]").text());

        var second = new Browser(server);
        var again = second.submit(second.follow(password(second, ada.email())), "form#second-factor", Map.of("code", recovery));
        assertEquals(400, again.status());
        assertEquals(303, second.get("/account").status());
    }

    @Test
    void theSecondFactorStepWithoutAPendingLoginSendsToTheLoginPage() {
        var browser = new Browser(server);
        var page = browser.get(SecondFactorPage.PATH);
        assertEquals(303, page.status());
        assertEquals("/login", page.location());
        browser.setCookie("portcullis_mfa", "A".repeat(43));
        assertEquals("/login", browser.get(SecondFactorPage.PATH).location());
    }

    @Test
    void wrongCodesAreThrottledPerUser() {
        var ada = enrol("ada-throttle@example.com");
        var browser = new Browser(server);
        var page = browser.follow(password(browser, ada.email()));
        for (int i = 0; page.status() != 429; i++) {
            assertTrue(i < 60, "never throttled");
            page = browser.submit(page, "form#second-factor", Map.of("code", wrongCode(ada.secret())));
        }
        assertTrue(Long.parseLong(page.header("Retry-After")) >= 1);
        var stillThrottled = browser.submit(page, "form#second-factor", Map.of("code", ada.code()));
        assertEquals(429, stillThrottled.status(), "even the right code waits");
        assertEquals(303, browser.get("/account").status());
    }

    @Test
    void anAuthorizationRequestGoesOnAfterTheSecondFactor() throws Exception {
        var ada = enrol("ada-authorize@example.com");
        String clientId = server.portcullis().apps().create(dev.portcullis.events.Actor.system(), Optional.empty(), AppSettings.defaults("Taskr", AuthMethod.NONE)
                .withRedirectUris(List.of(new RedirectUri(REDIRECT))).withScopes(List.of("openid"))).app().clientId();
        var browser = new Browser(server);
        var login = browser.follow(browser.get(authorize(clientId)));
        String returnTo = login.doc().selectFirst("form#login input[name=return_to]").attr("value");
        assertTrue(returnTo.startsWith("/authorize/"), returnTo);
        var step = browser.follow(browser.submit(login, "form#login", Map.of("email", ada.email(), "password", PASSWORD)));
        assertTrue(step.text().contains("Taskr"), "the step names the app: " + step.text());
        var done = browser.submit(step, "form#second-factor", Map.of("code", ada.code()));
        assertEquals(303, done.status());
        assertEquals(returnTo, done.location());
        var consent = browser.get(returnTo);
        assertEquals(200, consent.status(), "the authorization request goes on with a session: " + consent.location());
        assertTrue(consent.text().contains("Taskr"), consent.text());
    }

    @Test
    void removingTheAuthenticatorNeedsACodeThenThePasswordAloneSignsIn() {
        var ada = enrol("ada-remove@example.com");
        var browser = new Browser(server);
        browser.submit(browser.follow(password(browser, ada.email())), "form#second-factor", Map.of("code", ada.code()));
        var page = browser.get("/account/two-factor");
        var refused = browser.submit(page, "form#remove-authenticator", Map.of("code", wrongCode(ada.secret())));
        assertEquals(400, refused.status());
        assertFalse(refused.doc().select("[data-testid=authenticator-on]").isEmpty(), "still on");
        clock.advance(Duration.ofSeconds(30));
        var removed = browser.follow(browser.submit(page, "form#remove-authenticator", Map.of("code", ada.code())));
        assertTrue(removed.doc().selectFirst("form#confirm-authenticator") != null, "offers enrolment again");
        var fresh = new Browser(server);
        var login = fresh.logIn(ada.email(), PASSWORD);
        assertEquals(303, login.status());
        assertEquals("/account", login.location());
        assertEquals(200, fresh.get("/account").status());
    }

    @Test
    void enrollingRenewingCodesAndRemovingAreAuditEventsOfTheUserWithNoSecretInThem() {
        var ada = enrol("ada-events@example.com");
        var core = server.portcullis().core();
        String userId = core.identity().findByEmail(ada.email()).orElseThrow().id();
        var browser = new Browser(server);
        browser.submit(browser.follow(password(browser, ada.email())), "form#second-factor", Map.of("code", ada.code()));
        var renewed = browser.follow(browser.submit(browser.get("/account/two-factor"), "form#renew-recovery-codes", Map.of()));
        String newCodes = renewed.doc().selectFirst("[data-testid=recovery-codes]").text();
        clock.advance(Duration.ofSeconds(30));
        browser.submit(browser.get("/account/two-factor"), "form#remove-authenticator", Map.of("code", ada.code()));

        for (EventType type : List.of(EventType.TOTP_ENROLLED, EventType.RECOVERY_CODES_RENEWED, EventType.TOTP_REMOVED)) {
            List<Event> mine = Recorded.of(core, type).stream().filter(e -> Recorded.target(e).equals("user:" + userId)).toList();
            assertEquals(1, mine.size(), type + ": " + mine);
            assertEquals(Optional.of(userId), mine.getFirst().actor().id());
        }
        String raw = Recorded.rawData(core);
        assertFalse(raw.contains(new Base32().encodeToString(ada.secret()).replace("=", "")), "no TOTP secret");
        for (String code : newCodes.split(" ")) assertFalse(raw.contains(code), "no recovery code");
        for (String code : ada.recoveryCodes()) assertFalse(raw.contains(code), "no recovery code");
    }

    private static String authorize(String clientId) {
        return "/authorize?response_type=code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + Pkce.s256("v".repeat(43));
    }
}

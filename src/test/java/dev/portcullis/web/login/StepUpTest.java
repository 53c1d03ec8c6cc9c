package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.mfa.Totp;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import dev.portcullis.web.login.CodeFlow.Outcome;
import dev.portcullis.web.login.CodeFlow.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OIDC amr and acr after one and two factors, and step-up: acr_values asking for "2" makes a
 * single-factor session of a user with an authenticator log in again with both factors, or with
 * prompt=none answers login_required and no code.
 */
class StepUpTest {
    private static final String PASSWORD = CodeFlow.PASSWORD;
    private static final MutableClock clock = MutableClock.startingNow();
    private static final Totp totp = new Totp();
    private static TestServer server;
    private static CodeFlow flow;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE, clock);
        flow = new CodeFlow(server, clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Person person(String email, boolean withAuthenticator) {
        var browser = new Browser(server);
        browser.signUp("Ada", email, PASSWORD);
        if (!withAuthenticator) return new Person(browser, email, Optional.empty());
        var page = browser.get("/account/two-factor");
        byte[] secret = new Base32().decode(page.doc().selectFirst("[data-testid=totp-secret]").text());
        var done = browser.submit(page, "form#confirm-authenticator", Map.of("code", totp.code(secret, clock.instant())));
        assertEquals(303, done.status(), done.text());
        clock.advance(Duration.ofSeconds(30));
        return new Person(browser, email, Optional.of(secret));
    }

    static Outcome authorize(Person p, String extra) {
        return flow.authorize(p, extra);
    }

    static JWTClaimsSet idToken(Outcome outcome) throws Exception {
        return flow.idToken(outcome);
    }

    @Test
    void aPasswordLoginSaysPwdAndLevelOne() throws Exception {
        var ada = person("ada-pwd@example.com", false);
        ada.browser().post("/logout", Map.of());
        var outcome = authorize(new Person(new Browser(server), ada.email(), Optional.empty()), "&acr_values=2%201");
        assertEquals(List.of("login", "consent"), outcome.forms());
        var claims = idToken(outcome);
        assertEquals(List.of("pwd"), claims.getStringListClaim("amr"));
        assertEquals("1", claims.getStringClaim("acr"), "asked for 2 or 1: a password reaches 1");
    }

    @Test
    void passwordAndAuthenticatorSayMfaAndLevelTwo() throws Exception {
        var ada = person("ada-mfa@example.com", true);
        var fresh = new Person(new Browser(server), ada.email(), ada.secret());
        var outcome = authorize(fresh, "&acr_values=2");
        assertEquals(List.of("login", "second-factor", "consent"), outcome.forms());
        var claims = idToken(outcome);
        assertEquals(List.of("pwd", "otp", "mfa"), claims.getStringListClaim("amr"));
        assertEquals("2", claims.getStringClaim("acr"));
    }

    @Test
    void withoutAcrValuesASingleFactorSessionAnswersAndAcrIsLeftOut() throws Exception {
        var ada = person("ada-noacr@example.com", true);
        var outcome = authorize(ada, "");
        assertEquals(List.of("consent"), outcome.forms(), "no step-up without acr_values asking for it");
        assertEquals(null, idToken(outcome).getClaim("acr"));
    }

    @Test
    void acrValuesTwoMakeASingleFactorSessionStepUpWithASecondFactor() throws Exception {
        var ada = person("ada-stepup@example.com", true);
        var outcome = authorize(ada, "&acr_values=2&max_age=600");
        assertEquals(List.of("login", "second-factor", "consent"), outcome.forms());
        var claims = idToken(outcome);
        assertEquals("2", claims.getStringClaim("acr"));
        assertTrue(claims.getStringListClaim("amr").contains("mfa"));
        assertTrue(claims.getLongClaim("auth_time") >= clock.instant().getEpochSecond() - 5, "a fresh login meets max_age");
    }

    @Test
    void theEssentialAcrOfTheClaimsParameterAlsoStepsUp() throws Exception {
        var ada = person("ada-claims@example.com", true);
        var outcome = authorize(ada, "&claims=" + URLEncoder.encode("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"2\"]}}}",
                StandardCharsets.UTF_8));
        assertEquals(List.of("login", "second-factor", "consent"), outcome.forms());
        assertEquals("2", idToken(outcome).getStringClaim("acr"));
    }

    @Test
    void withPromptNoneASingleFactorSessionGetsLoginRequiredAndNoCode() {
        var ada = person("ada-silent@example.com", true);
        authorize(ada, ""); // connected once, so only the factor stands in the way
        var outcome = authorize(ada, "&acr_values=2&prompt=none");
        assertEquals(List.of(), outcome.forms());
        assertEquals(Optional.of("login_required"), outcome.param("error"));
        assertFalse(outcome.param("code").isPresent());
        assertEquals(Optional.of("s1"), outcome.param("state"));
    }

    @Test
    void aTwoFactorSessionAnswersAStepUpRequestSilently() throws Exception {
        var ada = person("ada-twice@example.com", true);
        var fresh = new Person(new Browser(server), ada.email(), ada.secret());
        authorize(fresh, "&acr_values=2");
        clock.advance(Duration.ofSeconds(30));
        var outcome = authorize(fresh, "&acr_values=2&prompt=none");
        assertEquals(List.of(), outcome.forms());
        assertEquals("2", idToken(outcome).getStringClaim("acr"));
    }

    @Test
    void aUserWithoutASecondFactorIsNotSentInCirclesAndGetsLevelOne() throws Exception {
        var ada = person("ada-nofactor@example.com", false);
        var outcome = authorize(ada, "&acr_values=2");
        assertEquals(List.of("consent"), outcome.forms());
        assertEquals("1", idToken(outcome).getStringClaim("acr"));
    }
}

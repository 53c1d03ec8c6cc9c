package dev.portcullis.web.accountsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.Recorded;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestMailbox;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Email verification, password reset and the session list over real HTTP, with the mails read
 * from a real SMTP server (GreenMail) and their links followed as a person would.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AccountSecurityHttpTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String NEW_PASSWORD = "violet kettle marmalade orbit";
    static final AtomicInteger USERS = new AtomicInteger();

    @Parameter
    Db db;

    static TestMailbox mailbox;
    static MutableClock clock;
    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void begin(Db db) {
        mailbox = TestMailbox.start();
        clock = MutableClock.startingNow();
        server = TestServer.start(mailbox.configure(TestServer.configFor(TestDatabases.fresh(db))), clock);
    }

    @AfterParameterizedClassInvocation
    static void end() {
        server.close();
        mailbox.close();
    }

    static String newEmail() {
        return "person" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    }

    /** The path and query of a mailed link: the server's own origin. */
    static String pathOf(String link) {
        URI uri = URI.create(link);
        assertEquals(server.uri("/").getAuthority(), uri.getAuthority(), "links point at the issuer");
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void signUpMailsAVerificationLinkAndFollowingItMakesEmailVerifiedTrueForApps() throws Exception {
        String email = newEmail();
        Browser browser = new Browser(server);
        browser.signUp("Ada <Lovelace>", email, PASSWORD);
        var mail = mailbox.next(email);
        assertEquals("Verify your email address for 127.0.0.1", mail.subject());
        assertTrue(mail.html().contains("Hello Ada &lt;Lovelace&gt;,"), "the name is escaped in HTML");
        assertTrue(mail.text().contains("Hello Ada <Lovelace>,"), "and verbatim in text");
        assertTrue(mail.link().contains("/verify-email?token=pc_verify_"), mail.link());

        OidcClaims apps = new OidcClaims(server);
        assertEquals(new OidcClaims.EmailVerified(false, false), apps.read(browser, email, PASSWORD), "before verification");
        assertTrue(browser.get("/account").doc().selectFirst("[data-testid=email-status]").text().contains("not verified"));

        var verified = new Browser(server).get(pathOf(mail.link())); // another browser: the link alone is enough
        assertEquals(200, verified.status(), verified.text());
        assertTrue(verified.text().contains("Email verified"));
        assertEquals(new OidcClaims.EmailVerified(true, true), apps.read(browser, email, PASSWORD), "after verification");
        assertTrue(browser.get("/account").doc().selectFirst("[data-testid=email-status]").text().contains("verified"));
        assertNotNull(browser.get("/account").doc().selectFirst("#email-verification"));
        assertTrue(browser.get("/account").doc().select("form#resend-verification").isEmpty(), "nothing to resend");
    }

    @Test
    void aVerificationLinkWorksOnceAndNotAfter24Hours() {
        String email = newEmail();
        new Browser(server).signUp("Ada", email, PASSWORD);
        String link = pathOf(mailbox.next(email).link());
        assertEquals(200, new Browser(server).get(link).status());
        var again = new Browser(server).get(link);
        assertEquals(400, again.status());
        assertTrue(again.text().contains("This link no longer works"), again.text());

        String late = newEmail();
        new Browser(server).signUp("Bob", late, PASSWORD);
        String expiring = pathOf(mailbox.next(late).link());
        clock.advance(Duration.ofHours(24));
        assertEquals(400, new Browser(server).get(expiring).status(), "at 24 hours the link has expired");
        assertFalse(server.portcullis().core().identity().findByEmail(late).orElseThrow().emailVerified());
        assertEquals(400, new Browser(server).get("/verify-email?token=pc_verify_forged").status(), "a malformed token");
        assertEquals(400, new Browser(server).get("/verify-email").status(), "no token");
    }

    @Test
    void resendOnAccountMailsANewLinkAndTheOldOneStopsWorking() {
        String email = newEmail();
        Browser browser = new Browser(server);
        browser.signUp("Ada", email, PASSWORD);
        String first = pathOf(mailbox.next(email).link());
        var account = browser.get("/account");
        var sent = browser.submit(account, "form#resend-verification", Map.of());
        assertEquals(303, sent.status(), sent.text());
        assertTrue(browser.follow(sent).text().contains("We sent a new link to " + email));
        String second = pathOf(mailbox.next(email).link());
        assertNotEquals(first, second);
        assertEquals(400, new Browser(server).get(first).status(), "the newer link replaces the older");
        assertEquals(200, new Browser(server).get(second).status());
    }

    @Test
    void resetByMailSetsTheNewPasswordEndsEverySessionAndTheOldPasswordNoLongerWorks() {
        String email = newEmail();
        Browser signedUp = new Browser(server);
        signedUp.signUp("Ada", email, PASSWORD);
        mailbox.next(email); // the verification mail
        Browser elsewhere = new Browser(server);
        assertEquals(303, elsewhere.logIn(email, PASSWORD).status());
        assertEquals(200, elsewhere.get("/account").status());

        Browser person = new Browser(server);
        assertNotNull(person.get("/login").doc().selectFirst("a[href=/forgot]"), "the login page links to /forgot");
        var asked = person.submit(person.get("/forgot"), "form#forgot", Map.of("email", email));
        assertEquals(200, asked.status());
        assertTrue(asked.text().contains("Check your mail"));
        var mail = mailbox.next(email);
        assertEquals("Reset your password for 127.0.0.1", mail.subject());
        assertTrue(mail.link().contains("/reset?token=pc_reset_"));

        var form = person.get(pathOf(mail.link()));
        assertEquals(200, form.status(), form.text());
        var weak = person.submit(form, "form#reset", Map.of("password", "password1"));
        assertEquals(400, weak.status(), "the sign-up rule holds");
        assertTrue(weak.text().contains("too easy to guess"), weak.text());
        var done = person.submit(weak, "form#reset", Map.of("password", NEW_PASSWORD));
        assertEquals(200, done.status(), done.text());
        assertTrue(done.text().contains("Password changed"));

        assertEquals(303, elsewhere.get("/account").status(), "the other browser's session ended");
        assertTrue(elsewhere.get("/account").location().startsWith("/login"));
        assertEquals(303, signedUp.get("/account").status(), "and the one that signed up");
        var old = new Browser(server).logIn(email, PASSWORD);
        assertEquals(400, old.status(), "the old password is refused");
        assertNotNull(old.doc().selectFirst("form#login"), "with the login form again");
        var fresh = new Browser(server);
        assertEquals(303, fresh.logIn(email, NEW_PASSWORD).status(), "the new one works");
        assertEquals(200, fresh.get("/account").status());
        assertTrue(server.portcullis().core().identity().findByEmail(email).orElseThrow().emailVerified(),
                "following the mailed link proved the address");

        var reused = new Browser(server).get(pathOf(mail.link()));
        assertEquals(400, reused.status(), "a used reset link");
        assertTrue(reused.text().contains("This link no longer works"));
    }

    @Test
    void aResetLinkDoesNotWorkAfter30MinutesNorWhenPostedAgain() {
        String email = newEmail();
        new Browser(server).signUp("Ada", email, PASSWORD);
        mailbox.next(email);
        Browser person = new Browser(server);
        person.submit(person.get("/forgot"), "form#forgot", Map.of("email", email));
        String link = pathOf(mailbox.next(email).link());
        var form = person.get(link);
        assertEquals(200, form.status());
        clock.advance(Duration.ofMinutes(30));
        assertEquals(400, person.get(link).status(), "expired: no form");
        var late = person.submit(form, "form#reset", Map.of("password", NEW_PASSWORD));
        assertEquals(400, late.status(), "expired: the form posted anyway sets nothing");
        assertTrue(late.text().contains("This link no longer works"));
        assertEquals(303, new Browser(server).logIn(email, PASSWORD).status(), "the password is unchanged");

        person.submit(person.get("/forgot"), "form#forgot", Map.of("email", email));
        var twice = person.get(pathOf(mailbox.next(email).link()));
        assertEquals(200, person.submit(twice, "form#reset", Map.of("password", NEW_PASSWORD)).status());
        assertEquals(400, person.submit(twice, "form#reset", Map.of("password", "another fine passphrase here")).status(),
                "the same form posted twice");
        assertEquals(303, new Browser(server).logIn(email, NEW_PASSWORD).status());
    }

    @Test
    void verificationResetRequestAndResetAreAuditEventsAboutTheAccountWithoutTheirLinks() {
        String email = newEmail();
        new Browser(server).signUp("Ada", email, PASSWORD);
        String verifyLink = mailbox.next(email).link();
        String userId = server.portcullis().core().identity().findByEmail(email).orElseThrow().id();
        assertEquals(200, new Browser(server).as("Mailer/2.0").get(pathOf(verifyLink)).status());
        Event verified = only(userId, EventType.EMAIL_VERIFIED);
        assertEquals(Actor.Kind.USER, verified.actor().kind(), "the link's holder acts as its user");
        assertEquals("Mailer/2.0", verified.actor().userAgent().orElseThrow());

        Browser person = new Browser(server);
        person.submit(person.get("/forgot"), "form#forgot", Map.of("email", email));
        String resetLink = mailbox.next(email).link();
        Event requested = only(userId, EventType.PASSWORD_RESET_REQUESTED);
        assertEquals(Actor.Kind.ANONYMOUS, requested.actor().kind(), "asked by someone not signed in");
        person.submit(person.get(pathOf(resetLink)), "form#reset", Map.of("password", NEW_PASSWORD));
        Event reset = only(userId, EventType.PASSWORD_RESET);
        assertEquals(userId, reset.actor().id().orElseThrow());

        person.submit(person.get("/forgot"), "form#forgot", Map.of("email", newEmail()));
        assertEquals(1, about(userId, EventType.PASSWORD_RESET_REQUESTED).size(), "an unknown address records nothing about anyone");
        String raw = Recorded.rawData(server.portcullis().core());
        for (String link : List.of(verifyLink, resetLink)) {
            String token = URI.create(link).getRawQuery().substring("token=".length());
            assertFalse(raw.contains(token), "no link token in the audit log");
        }
        assertFalse(raw.contains(NEW_PASSWORD));
    }

    private static List<Event> about(String userId, EventType type) {
        return Recorded.of(server.portcullis().core(), type).stream().filter(e -> Recorded.target(e).equals("user:" + userId)).toList();
    }

    private static Event only(String userId, EventType type) {
        List<Event> found = about(userId, type);
        assertEquals(1, found.size(), () -> type + ": " + found);
        return found.getFirst();
    }

    @Test
    void forgotAnswersTheSameForAnUnknownAddressAndMailsNobody() {
        String known = newEmail();
        new Browser(server).signUp("Ada", known, PASSWORD);
        mailbox.next(known);
        Browser person = new Browser(server);
        var forKnown = person.submit(person.get("/forgot"), "form#forgot", Map.of("email", known));
        mailbox.next(known);
        String unknown = newEmail();
        int before = mailbox.count();
        var forUnknown = person.submit(person.get("/forgot"), "form#forgot", Map.of("email", unknown));
        assertEquals(forKnown.status(), forUnknown.status());
        assertEquals(forKnown.doc().select("main").html().replace(known, "ADDRESS"),
                forUnknown.doc().select("main").html().replace(unknown, "ADDRESS"), "the same page, but for the address typed");
        assertEquals(forKnown.response().headers().map().keySet(), forUnknown.response().headers().map().keySet());
        try {
            Thread.sleep(500); // mail is sent in the background: give a wrong one time to arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(before, mailbox.count(), "no mail for an unknown address");
    }

    @Test
    void theAccountPageListsSessionsAndEndsOneOrAllOthersButNeverAnotherUsers() {
        String email = newEmail();
        Browser laptop = new Browser(server);
        laptop.signUp("Ada", email, PASSWORD);
        Browser phone = new Browser(server);
        phone.logIn(email, PASSWORD);
        Browser tablet = new Browser(server);
        tablet.logIn(email, PASSWORD);

        var page = laptop.get("/account");
        var rows = page.doc().select("#sessions tr[data-session]");
        assertEquals(3, rows.size(), page.doc().select("#sessions").text());
        assertEquals(1, page.doc().select("#sessions [data-testid=this-session]").size());
        assertTrue(rows.get(0).text().contains("127.0.0.1"), rows.get(0).text());
        assertTrue(rows.get(0).text().contains("UTC"));

        String phoneHandle = phone.get("/account").doc().selectFirst("#sessions tr:has([data-testid=this-session])").attr("data-session");
        String mallory = newEmail();
        Browser attacker = new Browser(server);
        attacker.signUp("Mallory", mallory, PASSWORD);
        var steal = attacker.post("/account/sessions/" + phoneHandle + "/end",
                Map.of("csrf", attacker.get("/account").doc().selectFirst("input[name=csrf]").attr("value")));
        assertEquals(404, steal.status(), "another user's session is not theirs to end");
        assertEquals(200, phone.get("/account").status(), "and it lives on");
        var noCsrf = laptop.post("/account/sessions/" + phoneHandle + "/end", Map.of());
        assertEquals(403, noCsrf.status());
        assertEquals(200, phone.get("/account").status());

        var ended = laptop.submit(laptop.get("/account"), "form[action=/account/sessions/" + phoneHandle + "/end]", Map.of());
        assertEquals(303, ended.status(), ended.text());
        assertTrue(laptop.follow(ended).text().contains("Session ended"));
        assertEquals(303, phone.get("/account").status(), "the phone is logged out");
        assertEquals(200, tablet.get("/account").status());

        var others = laptop.submit(laptop.get("/account"), "form#end-other-sessions", Map.of());
        assertEquals(303, others.status());
        assertTrue(laptop.follow(others).text().contains("1 other session ended."));
        assertEquals(303, tablet.get("/account").status());
        assertEquals(200, laptop.get("/account").status(), "this session stays");
        assertEquals(1, laptop.get("/account").doc().select("#sessions tr[data-session]").size());

        var own = laptop.submit(laptop.get("/account"), "#sessions tr:has([data-testid=this-session]) form", Map.of());
        assertEquals(303, own.status(), "ending this session is logging out");
        assertEquals("/login", own.location());
        assertEquals(303, laptop.get("/account").status());
    }
}

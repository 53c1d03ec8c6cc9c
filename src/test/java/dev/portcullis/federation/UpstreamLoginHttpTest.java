package dev.portcullis.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventType;
import dev.portcullis.federation.UpstreamProviderFields.AutoJoinFields;
import dev.portcullis.mfa.Totp;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.Recorded;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.login.SecondFactorPage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Sign in with ..." against a second, independent Portcullis as the upstream OpenID provider
 * (behind a pass-through proxy that can tamper with one token response), on both databases. Each
 * sign-in starts from a real OAuth request to the downstream, whose return_to must survive.
 */
@ParameterizedClass
@EnumSource(Db.class)
class UpstreamLoginHttpTest {
    static final String PASSWORD = "correct horse battery";
    static final String CLIENT_CALLBACK = "http://127.0.0.1:3050/callback";

    @Parameter
    Db db;

    static TestServer upstream;
    static TestServer downstream;
    static TamperingProxy proxy;
    static String issuer;
    static String taskr;
    static int people;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        int upstreamPort = TamperingProxy.freePort();
        int proxyPort = TamperingProxy.freePort();
        issuer = "http://localhost:" + proxyPort;
        upstream = TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", Integer.toString(upstreamPort), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", issuer, "PORTCULLIS_SIGNUPS_PER_HOUR", TestServer.TEST_SIGNUPS_PER_HOUR))
                .withStorage(TestDatabases.fresh(db)));
        proxy = TamperingProxy.start(proxyPort, upstreamPort);
        downstream = TestServer.start(db);
        var registered = upstream.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Downstream", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(callback("upstream")), new RedirectUri(callback("acme-only"))))
                .withScopes(List.of("openid", "profile", "email")));
        String clientId = registered.app().clientId();
        String secret = registered.clientSecret().orElseThrow();
        var providers = downstream.portcullis().core().upstreamProviders();
        providers.create(new UpstreamProviderFields("upstream", "Upstream Co", issuer, clientId, secret, null, null,
                new AutoJoinFields("acme.test", "acme", null)));
        providers.create(new UpstreamProviderFields("acme-only", "Acme SSO", issuer, clientId, secret, null, List.of("acme.test"), null));
        providers.create(new UpstreamProviderFields("down", "Down Inc", "http://127.0.0.1:" + TamperingProxy.freePort(), "x", "y",
                null, null, null));
        var identity = downstream.portcullis().core().identity();
        var admin = identity.signUp("Acme Admin", "admin@acme-admin.test", PASSWORD);
        identity.createWorkspace(admin.user().id(), "Acme", "acme", null);
        taskr = downstream.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(CLIENT_CALLBACK))).withScopes(List.of("openid", "profile"))).app().clientId();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        downstream.close();
        proxy.close();
        upstream.close();
    }

    static String callback(String provider) {
        return downstream.uri("/login/upstream/" + provider + "/callback").toString();
    }

    /** A person with an account at the upstream; {@code verified} as the upstream's email_verified says. */
    static String upstreamPerson(String domain, boolean verified) {
        String email = "person" + (++people) + "-" + System.nanoTime() + "@" + domain;
        upstream.portcullis().core().identity().signUp("Grace Hopper", email, PASSWORD);
        upstream.portcullis().database().inTransaction(tx -> tx.update("UPDATE users SET email_verified = ? WHERE email_lower = ?",
                verified, email.toLowerCase(Locale.ROOT)));
        return email;
    }

    /** The downstream's login page, reached from a Taskr authorization request. */
    static CrossSiteBrowser.Page loginPage(CrossSiteBrowser browser) {
        String query = "response_type=code&client_id=" + taskr + "&redirect_uri=" + enc(CLIENT_CALLBACK)
                + "&scope=openid&state=taskr-state&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        var page = browser.get(downstream.uri("/oauth2/authorize?" + query));
        for (int i = 0; i < 3 && page.location().isPresent(); i++) page = browser.get(page.uri().resolve(page.location().get()));
        assertNotNull(page.doc().selectFirst("form#login"), "login page expected");
        return page;
    }

    static URI button(CrossSiteBrowser.Page login, String name) {
        var link = login.doc().select("[data-testid=upstream-providers] a").stream()
                .filter(a -> a.text().equals("Sign in with " + name)).findFirst().orElseThrow(() -> new AssertionError("no button " + name));
        return login.uri().resolve(link.attr("href"));
    }

    static String returnTo(CrossSiteBrowser.Page login) {
        return login.doc().selectFirst("form#login input[name=return_to]").attr("value");
    }

    record Outcome(CrossSiteBrowser browser, String returnTo, CrossSiteBrowser.Page end) {}

    static Outcome signIn(String provider, String email, boolean approve, UnaryOperator<URI> rewrite) {
        var browser = new CrossSiteBrowser();
        var login = loginPage(browser);
        var end = browser.walk(button(login, provider), email, PASSWORD, approve, rewrite);
        return new Outcome(browser, returnTo(login), end);
    }

    static Outcome signIn(String provider, String email) {
        return signIn(provider, email, true, UnaryOperator.identity());
    }

    /** A failure page: its status, its message, and a way back to the login page with the OAuth request. */
    static void assertFailurePage(Outcome o, int status, String message) {
        assertEquals(status, o.end().status(), o.end().doc().text());
        assertNotNull(o.end().doc().selectFirst("[data-testid=upstream-error]"));
        assertTrue(o.end().doc().selectFirst("[role=alert]").text().contains(message), o.end().doc().text());
        assertEquals("/login?return_to=" + enc(o.returnTo()), o.end().doc().selectFirst("a#back-to-login").attr("href"));
        assertFalse(o.browser().hasCookie("127.0.0.1", "portcullis_session"), "no login session");
        assertFalse(o.end().doc().text().contains("Exception"));
    }

    static long count(String sql, Object... args) {
        return downstream.portcullis().database().read(tx -> tx.count(sql, args));
    }

    static long usersWith(String email) {
        return count("SELECT count(*) AS n FROM users WHERE email_lower = ?", email.toLowerCase(Locale.ROOT));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void firstSignInCreatesAVerifiedUserLinkedBySubAndResumesTheOAuthRequestAtConsent() {
        String email = upstreamPerson("example.com", true);
        var o = signIn("Upstream Co", email);
        assertEquals(200, o.end().status(), o.end().doc().text());
        assertEquals("127.0.0.1", o.end().uri().getHost());
        assertNotNull(o.end().doc().selectFirst("form#consent"), "the Taskr request resumed at consent: " + o.end().doc().text());
        assertTrue(o.browser().hasCookie("127.0.0.1", "portcullis_session"));
        assertEquals(1, count("SELECT count(*) AS n FROM users WHERE email_lower = ? AND email_verified = ?", email, true));
        String upstreamSub = upstream.portcullis().core().identity().findByEmail(email).orElseThrow().id();
        assertEquals(1, count("SELECT count(*) AS n FROM upstream_links l JOIN users u ON u.id = l.user_id WHERE l.issuer = ? "
                + "AND l.subject = ? AND u.email_lower = ? AND l.provider_id = ?", issuer, upstreamSub, email, "upstream"));
        // Their own workspace, as at sign-up: the consent names it.
        assertEquals(1, count("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email_lower = ?", email));
        // The audit log: a sign-up and a login by the new user, both through the upstream provider.
        var core = downstream.portcullis().core();
        String userId = core.identity().findByEmail(email).orElseThrow().id();
        for (var type : List.of(dev.portcullis.events.EventType.SIGNUP, dev.portcullis.events.EventType.LOGIN_SUCCEEDED)) {
            var mine = dev.portcullis.support.Recorded.of(core, type).stream()
                    .filter(e -> e.actor().id().equals(Optional.of(userId))).toList();
            assertEquals(1, mine.size(), type + ": " + mine);
            assertEquals("upstream:upstream", mine.getFirst().data().get("method"));
            assertEquals("user:" + userId, dev.portcullis.support.Recorded.target(mine.getFirst()));
            assertEquals(Optional.of("127.0.0.1"), mine.getFirst().actor().address());
        }
    }

    @Test
    void secondSignInUsesTheLinkAndCreatesNothing() {
        String email = upstreamPerson("example.com", true);
        signIn("Upstream Co", email);
        long users = count("SELECT count(*) AS n FROM users");
        var again = signIn("Upstream Co", email);
        assertEquals(200, again.end().status());
        assertTrue(again.browser().hasCookie("127.0.0.1", "portcullis_session"));
        assertEquals(users, count("SELECT count(*) AS n FROM users"));
    }

    @Test
    void aPersonWithAnAuthenticatorGivesItsCodeAfterTheUpstreamAndOnlyThenGetsASession() {
        String email = upstreamPerson("example.com", true);
        var first = signIn("Upstream Co", email);
        var enrol = first.browser().get(downstream.uri("/account/two-factor"));
        byte[] secret = new Base32().decode(enrol.doc().selectFirst("[data-testid=totp-secret]").text());
        var totp = new Totp();
        first.browser().submit(enrol, "form#confirm-authenticator", Map.of("code", totp.code(secret, Instant.now())));

        var again = signIn("Upstream Co", email);
        assertEquals(SecondFactorPage.PATH, again.end().uri().getPath(), "the upstream alone signs nobody in");
        assertFalse(again.browser().hasCookie("127.0.0.1", "portcullis_session"));
        var done = again.browser().submit(again.end(), "form#second-factor", Map.of("code", totp.code(secret, Instant.now().plusSeconds(30))));
        assertEquals(303, done.status(), done.doc().text());
        assertEquals(again.returnTo(), done.location().orElseThrow(), "the OAuth request goes on");
        assertTrue(again.browser().hasCookie("127.0.0.1", "portcullis_session"));
        var core = downstream.portcullis().core();
        String userId = core.identity().findByEmail(email).orElseThrow().id();
        var login = Recorded.of(core, EventType.LOGIN_SUCCEEDED).stream()
                .filter(e -> Recorded.target(e).equals("user:" + userId)).toList().getLast();
        assertEquals("upstream:upstream", login.data().get("method"));
        assertEquals(List.of("otp", "mfa"), login.data().get("amr"), "two factors, the password not among them");
    }

    @Test
    void verifiedEmailOfAnExistingUserLinksToThatUser() {
        String email = upstreamPerson("example.com", true);
        String existing = downstream.portcullis().core().identity().signUp("Grace", email, PASSWORD).user().id();
        var o = signIn("Upstream Co", email);
        assertEquals(200, o.end().status(), o.end().doc().text());
        assertEquals(1, usersWith(email));
        assertEquals(1, count("SELECT count(*) AS n FROM upstream_links WHERE user_id = ?", existing));
    }

    @Test
    void upstreamKeyRotationIsFollowedByRefetchingItsJwks() {
        assertEquals(200, signIn("Upstream Co", upstreamPerson("example.com", true)).end().status());
        // The downstream holds the old key set; the next ID token names a kid it has never seen.
        upstream.portcullis().core().keys().rotateAll(java.time.Instant.now(), dev.portcullis.events.Actor.system());
        var after = signIn("Upstream Co", upstreamPerson("example.com", true));
        assertEquals(200, after.end().status(), after.end().doc().text());
        assertTrue(after.browser().hasCookie("127.0.0.1", "portcullis_session"));
    }

    @Test
    void unverifiedEmailOfAnExistingUserIsRefusedAndNothingIsLinked() {
        String email = upstreamPerson("example.com", false);
        String existing = downstream.portcullis().core().identity().signUp("Grace", email, PASSWORD).user().id();
        var o = signIn("Upstream Co", email);
        assertFailurePage(o, 403, "has not verified that the address is yours");
        assertEquals(0, count("SELECT count(*) AS n FROM upstream_links WHERE user_id = ?", existing));
        assertEquals(1, usersWith(email));
    }

    @Test
    void unverifiedEmailOfNobodyMakesANewUnverifiedUser() {
        String email = upstreamPerson("example.com", false);
        var o = signIn("Upstream Co", email);
        assertEquals(200, o.end().status(), o.end().doc().text());
        assertEquals(1, count("SELECT count(*) AS n FROM users WHERE email_lower = ? AND email_verified = ?", email, false));
    }

    @Test
    void autoJoinPutsAVerifiedAcmeAddressIntoTheAcmeWorkspaceAsMember() {
        String email = upstreamPerson("acme.test", true);
        var o = signIn("Upstream Co", email);
        assertEquals(200, o.end().status(), o.end().doc().text());
        assertEquals(1, count("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id JOIN workspaces w ON "
                + "w.id = m.workspace_id WHERE u.email_lower = ? AND w.slug = ? AND m.role = ?", email, "acme", "member"));
        assertEquals(1, count("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email_lower = ?", email));
    }

    @Test
    void unverifiedAcmeAddressDoesNotAutoJoin() {
        String email = upstreamPerson("acme.test", false);
        signIn("Upstream Co", email);
        assertEquals(0, count("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id JOIN workspaces w ON "
                + "w.id = m.workspace_id WHERE u.email_lower = ? AND w.slug = ?", email, "acme"));
    }

    @Test
    void emailOutsideTheAllowedDomainsIsRefusedAndNoUserIsMade() {
        String other = upstreamPerson("other.test", true);
        assertFailurePage(signIn("Acme SSO", other), 403, "cannot sign in with Acme SSO");
        assertEquals(0, usersWith(other));
        String unverified = upstreamPerson("acme.test", false);
        assertFailurePage(signIn("Acme SSO", unverified), 403, "cannot sign in with Acme SSO");
        assertEquals(0, usersWith(unverified));
        String allowed = upstreamPerson("acme.test", true);
        assertEquals(200, signIn("Acme SSO", allowed).end().status());
    }

    @Test
    void forgedStateIsRefusedWithAWayBackToTheOAuthRequest() {
        String email = upstreamPerson("example.com", true);
        var o = signIn("Upstream Co", email, true, uri -> isCallback(uri) ? URI.create(uri.toString().replaceAll("state=[^&]+", "state=forged")) : uri);
        assertFailurePage(o, 400, "not valid any more");
        assertEquals(0, usersWith(email));
    }

    @Test
    void callbackReplayedOrOpenedInAnotherBrowserIsRefused() {
        String email = upstreamPerson("example.com", true);
        AtomicReference<URI> captured = new AtomicReference<>();
        // The callback is diverted before the first browser uses it, and opened in a second browser instead.
        var victim = signIn("Upstream Co", email, true, uri -> {
            if (!isCallback(uri)) return uri;
            captured.set(uri);
            return downstream.uri("/healthz");
        });
        assertNotNull(captured.get(), String.valueOf(victim.browser().visited));
        var other = new CrossSiteBrowser().get(captured.get());
        assertEquals(400, other.status());
        assertNotNull(other.doc().selectFirst("a#back-to-login"));
        assertEquals(0, usersWith(email));
        // The same browser may use it once, then never again.
        assertEquals(303, victim.browser().get(captured.get()).status());
        var replay = victim.browser().get(captured.get());
        assertEquals(400, replay.status());
        assertTrue(replay.doc().text().contains("not valid any more"));
    }

    @Test
    void idTokenForAnotherNonceIsRefused() {
        String email = upstreamPerson("example.com", true);
        var o = signIn("Upstream Co", email, true, uri -> "localhost".equals(uri.getHost()) && uri.getRawQuery() != null
                && uri.getRawQuery().contains("nonce=") ? URI.create(uri.toString().replaceAll("nonce=[^&]+", "nonce=replayed-nonce")) : uri);
        assertFailurePage(o, 502, "failed verification");
        assertEquals(0, usersWith(email));
    }

    @Test
    void tamperedIdTokenIsRefused() {
        String email = upstreamPerson("example.com", true);
        proxy.tamperNextIdToken();
        var o = signIn("Upstream Co", email);
        assertFailurePage(o, 502, "failed verification");
        assertEquals(0, usersWith(email));
        assertEquals(0, count("SELECT count(*) AS n FROM upstream_links WHERE subject = ?", "someone-else"));
    }

    @Test
    void userWhoDeniesUpstreamSeesCancelledWithAWayBack() {
        String email = upstreamPerson("example.com", true);
        var o = signIn("Upstream Co", email, false, UnaryOperator.identity());
        assertFailurePage(o, 403, "cancelled");
        assertEquals(0, usersWith(email));
    }

    @Test
    void upstreamThatIsDownGivesAClearPageNotA500() {
        var o = signIn("Down Inc", "nobody@example.com");
        assertFailurePage(o, 502, "cannot be reached");
    }

    @Test
    void unknownProviderIsNotFound() {
        var browser = new CrossSiteBrowser();
        var page = browser.get(downstream.uri("/login/upstream/nope?return_to=%2Faccount"));
        assertEquals(404, page.status());
        assertEquals("/login?return_to=%2Faccount", page.doc().selectFirst("a#back-to-login").attr("href"));
    }

    static boolean isCallback(URI uri) {
        return "127.0.0.1".equals(uri.getHost()) && uri.getPath().endsWith("/callback") && uri.getPath().startsWith("/login/upstream/");
    }
}

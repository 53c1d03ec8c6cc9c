package dev.portcullis.web.login;

import dev.portcullis.authorize.PendingApps;
import dev.portcullis.events.Actor;
import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.federation.UpstreamProviders;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.User;
import dev.portcullis.mfa.Passkeys;
import dev.portcullis.http.Json;
import dev.portcullis.ratelimit.RateLimits;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import dev.portcullis.web.SecondFactorStep;
import dev.portcullis.web.SessionCookie;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login} and {@code /logout}. A failed login says only "Invalid email or password", so
 * the page does not tell which accounts exist; failures are throttled per account and address.
 * {@code return_to} is followed after login only when it is a local path ({@link ReturnTo}); when
 * it continues an authorization request, the page names the app, with its logo and policy links.
 */
public final class LoginPages implements Routes {
    static final String INVALID = "Invalid email or password";
    /** The query flag of the page our logout lands on. */
    static final String LOGGED_OUT = "logged_out";
    static final String PASSKEY = "/login/passkey";
    static final String PASSKEY_REFUSED = "That passkey could not sign you in. Try again, or log in with your email and password.";
    private final IdentityService identity;
    private final LoginSessions sessions;
    private final CurrentUser currentUser;
    private final SessionCookie cookie;
    private final Csrf csrf;
    private final Pages pages;
    private final LoginThrottle throttle;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final PendingApps pendingApps;
    private final UpstreamProviders upstreams;
    private final PasswordLogin passwordLogin;
    private final SecondFactorStep secondFactor;
    private final Passkeys passkeys;

    public LoginPages(IdentityService identity, LoginSessions sessions, CurrentUser currentUser, SessionCookie cookie,
                      Csrf csrf, Pages pages, RateLimits limits, int attemptsPerMinute, ClientAddress clientAddress,
                      Clock clock, PendingApps pendingApps, UpstreamProviders upstreams, PasswordLogin passwordLogin,
                      SecondFactorStep secondFactor, Passkeys passkeys) {
        this.identity = identity;
        this.sessions = sessions;
        this.currentUser = currentUser;
        this.cookie = cookie;
        this.csrf = csrf;
        this.pages = pages;
        this.throttle = new LoginThrottle(limits, attemptsPerMinute);
        this.clientAddress = clientAddress;
        this.clock = clock;
        this.pendingApps = pendingApps;
        this.upstreams = upstreams;
        this.passwordLogin = passwordLogin;
        this.secondFactor = secondFactor;
        this.passkeys = passkeys;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/login", pages.page(this::form));
        routing.post("/login", pages.page(this::submit));
        routing.post("/logout", pages.page(this::logout));
        routing.post(PASSKEY + "/options", pages.page(this::passkeyOptions));
        routing.post(PASSKEY, pages.page(this::passkeySignIn));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void form(ServerRequest req, ServerResponse res) {
        String returnTo = ReturnTo.safe(Params.query(req).get("return_to").orElse(null));
        if (currentUser.find(req).isPresent()) {
            Pages.redirect(res, returnTo);
            return;
        }
        if (passwordLogin.sentElsewhere(req, res, returnTo)) return;
        // OIDC login_hint arrives as ?email=, so the person types only the password.
        String email = Params.query(req).get("email").filter(e -> e.length() <= 254).orElse("");
        View view = new View(email, returnTo, null, passwordLogin.on());
        // Said after our own logout's redirect; the flag reveals nothing, and a session skips this page.
        show(req, res, 200, Params.query(req).has(LOGGED_OUT) ? view.afterLogout() : view);
    }

    private void submit(ServerRequest req, ServerResponse res) {
        passwordLogin.requireOn();
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        String email = form.get("email").orElse("");
        String returnTo = ReturnTo.safe(form.get("return_to").orElse(null));
        String address = clientAddress.of(req);
        Actor.Origin origin = Actor.Origin.of(address, ClientAddress.userAgent(req));
        Optional<Duration> wait = throttle.blocked(email, address);
        if (wait.isPresent()) {
            if (throttle.firstRefusal(email, address)) identity.loginLocked(email, origin, LoginThrottle.seconds(wait.get()));
            // The login form again, not an error page: the wait is said in words, and return_to
            // (the authorization request) rides along, so the flow goes on after the wait.
            long seconds = LoginThrottle.seconds(wait.get());
            res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            show(req, res, 429, new View(email, returnTo, null, true).throttled(seconds));
            return;
        }
        Optional<User> user = identity.logIn(email, form.get("password").orElse(""), origin);
        if (user.isEmpty()) {
            throttle.failed(email, address);
            show(req, res, 400, new View(email, returnTo, INVALID, true));
            return;
        }
        // With an authenticator enrolled, the password alone signs nobody in (docs/account-security.md).
        if (secondFactor.divert(res, user.get().id(), returnTo, "password")) return;
        // A fresh session id at login, so a planted cookie cannot ride into the new session (session fixation).
        cookie.read(req).ifPresent(sessions::end);
        var started = sessions.logIn(user.get().id(), clock.instant(), origin, "password", List.of("pwd"));
        cookie.set(res, started.cookieValue());
        Pages.redirect(res, returnTo);
    }

    /** The options of a usernameless passkey sign-in (JSON for /assets/passkeys.js), the ceremony bound to this browser. */
    private void passkeyOptions(ServerRequest req, ServerResponse res) {
        csrf.checkPreSession(req, Params.body(req));
        var started = passkeys.startSignIn();
        cookie.set(res, Passkeys.COOKIE, started.cookieValue(), Passkeys.CEREMONY);
        Json.send(res, 200, started.options());
    }

    /**
     * A passkey as the first factor: the authenticator verified the person, so the session is a
     * full login (amr per {@link Passkeys.Verified#amrAlone()}), and return_to goes on as after a password.
     */
    private void passkeySignIn(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        String returnTo = ReturnTo.safe(form.get("return_to").orElse(null));
        String ceremony = cookie.read(req, Passkeys.COOKIE).orElse("");
        cookie.set(res, Passkeys.COOKIE, "", Duration.ZERO);
        var verified = passkeys.finishSignIn(ceremony, form.get("credential").orElse(""));
        if (verified.isEmpty()) {
            show(req, res, 400, new View("", returnTo, PASSKEY_REFUSED, passwordLogin.on()));
            return;
        }
        Actor.Origin origin = Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
        cookie.read(req).ifPresent(sessions::end);
        var started = sessions.logIn(verified.get().userId(), clock.instant(), origin, "passkey", verified.get().amrAlone());
        cookie.set(res, started.cookieValue());
        Pages.redirect(res, returnTo);
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        var viewer = currentUser.find(req);
        viewer.ifPresent(v -> Csrf.check(v, form));
        // Only a request that brought the cookie clears it: a post from another site brings none
        // (SameSite=Lax), and must not overwrite it either.
        cookie.read(req).ifPresent(value -> {
            sessions.logOut(value, Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req)));
            cookie.clear(res);
        });
        Pages.redirect(res, "/login?" + LOGGED_OUT);
    }

    /**
     * What the login page shows. Without {@code passwordForm} (password login off, only upstream
     * providers), it offers just their buttons; {@code retryAfter} is the throttle's wait in seconds.
     */
    private record View(String email, String returnTo, String error, boolean passwordForm, boolean loggedOut, Long retryAfter) {
        View(String email, String returnTo, String error, boolean passwordForm) {
            this(email, returnTo, error, passwordForm, false, null);
        }

        View afterLogout() {
            return new View(email, returnTo, error, passwordForm, true, retryAfter);
        }

        View throttled(long seconds) {
            return new View(email, returnTo, error, passwordForm, loggedOut, seconds);
        }
    }

    private void show(ServerRequest req, ServerResponse res, int status, View view) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.anonymous("Log in"));
        params.put("csrf", csrf.preSessionToken(req, res));
        params.put("email", view.email());
        params.put("returnTo", view.returnTo());
        params.put("error", view.error());
        params.put("app", pendingApps.forReturnTo(view.returnTo()).orElse(null));
        params.put("upstreams", upstreams.loginButtons(view.returnTo()));
        params.put("passwordForm", view.passwordForm());
        params.put("loggedOut", view.loggedOut());
        params.put("retryAfter", view.retryAfter());
        pages.render(res, status, "login.jte", params);
    }
}

package dev.portcullis.web.login;

import dev.portcullis.authorize.PendingApps;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
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
import dev.portcullis.ratelimit.RateLimits;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.HashMap;
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

    public LoginPages(IdentityService identity, LoginSessions sessions, CurrentUser currentUser, SessionCookie cookie,
                      Csrf csrf, Pages pages, RateLimits limits, int attemptsPerMinute, ClientAddress clientAddress,
                      Clock clock, PendingApps pendingApps, UpstreamProviders upstreams, PasswordLogin passwordLogin) {
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
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/login", pages.page(this::form));
        routing.post("/login", pages.page(this::submit));
        routing.post("/logout", pages.page(this::logout));
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
        show(req, res, 200, email, returnTo, null, passwordLogin.on());
    }

    private void submit(ServerRequest req, ServerResponse res) {
        passwordLogin.requireOn();
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        String email = form.get("email").orElse("");
        String returnTo = ReturnTo.safe(form.get("return_to").orElse(null));
        String address = clientAddress.of(req);
        throttle.blocked(email, address).ifPresent(wait -> {
            throw new OAuthException(new Failure.RateLimited(wait), "login throttled");
        });
        Optional<User> user = identity.authenticate(email, form.get("password").orElse(""));
        if (user.isEmpty()) {
            throttle.failed(email, address);
            show(req, res, 400, email, returnTo, INVALID, true);
            return;
        }
        // A fresh session id at login, so a planted cookie cannot ride into the new session (session fixation).
        cookie.read(req).ifPresent(sessions::end);
        var started = sessions.start(user.get().id(), clock.instant());
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
            sessions.end(value);
            cookie.clear(res);
        });
        Pages.redirect(res, "/login");
    }

    /** Without {@code passwordForm} (password login off, only upstream providers), the page offers just their buttons. */
    private void show(ServerRequest req, ServerResponse res, int status, String email, String returnTo, String error, boolean passwordForm) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.anonymous("Log in"));
        params.put("csrf", csrf.preSessionToken(req, res));
        params.put("email", email);
        params.put("returnTo", returnTo);
        params.put("error", error);
        params.put("app", pendingApps.forReturnTo(returnTo).orElse(null));
        params.put("upstreams", upstreams.loginButtons(returnTo));
        params.put("passwordForm", passwordForm);
        pages.render(res, status, "login.jte", params);
    }
}

package dev.portcullis.web.login;

import dev.portcullis.authorize.PendingApps;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.mfa.PendingLogins;
import dev.portcullis.mfa.SecondFactors;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SecondFactorStep;
import dev.portcullis.web.SessionCookie;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login/second-factor}: after a first factor ({@link SecondFactorStep}), a user with an
 * authenticator types its code (or a recovery code) here before any session exists. The half-done login is bound to this
 * browser by its own short-lived cookie ({@link PendingLogins}) and carries the first step's
 * return_to, so an authorization request goes on afterwards. Wrong codes are throttled per user.
 */
public final class SecondFactorPage implements Routes {
    public static final String PATH = SecondFactorStep.PATH;
    static final String COOKIE = SecondFactorStep.COOKIE;
    static final String INVALID = "That code is not right. Try the current code of your app, or a recovery code.";
    private final PendingLogins pendingLogins;
    private final SecondFactors factors;
    private final LoginSessions sessions;
    private final SessionCookie cookie;
    private final Csrf csrf;
    private final Pages pages;
    private final RateLimiter wrongCodes;
    private final PendingApps pendingApps;
    private final Clock clock;
    private final ClientAddress addresses;

    public SecondFactorPage(SecondFactorStep step, SecondFactors factors, LoginSessions sessions, SessionCookie cookie,
                            Csrf csrf, Pages pages, RateLimiter wrongCodes, PendingApps pendingApps, Clock clock, ClientAddress addresses) {
        this.addresses = addresses;
        this.pendingLogins = step.pendingLogins();
        this.factors = factors;
        this.sessions = sessions;
        this.cookie = cookie;
        this.csrf = csrf;
        this.pages = pages;
        this.wrongCodes = wrongCodes;
        this.pendingApps = pendingApps;
        this.clock = clock;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get(PATH, pages.page(this::form));
        routing.post(PATH, pages.page(this::submit));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void form(ServerRequest req, ServerResponse res) {
        Optional<PendingLogins.Pending> pending = pending(req);
        if (pending.isEmpty()) {
            Pages.redirect(res, "/login");
            return;
        }
        show(req, res, 200, pending.get(), null, null);
    }

    private void submit(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        Optional<String> value = cookie.read(req, COOKIE);
        Optional<PendingLogins.Pending> pending = pending(req);
        if (pending.isEmpty()) {
            // Expired or already finished: start over at the password.
            Pages.redirect(res, "/login");
            return;
        }
        String userId = pending.get().userId();
        Optional<Duration> wait = wrongCodes.waitFor(userId);
        if (wait.isPresent()) {
            long seconds = LoginThrottle.seconds(wait.get());
            res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            show(req, res, 429, pending.get(), null, seconds);
            return;
        }
        SecondFactors.Check check = factors.check(userId, form.get("code").orElse(""));
        if (check == SecondFactors.Check.REFUSED) {
            wrongCodes.spend(userId);
            show(req, res, 400, pending.get(), INVALID, null);
            return;
        }
        // Once only: a second tab's code finds it gone and starts over.
        if (!pendingLogins.finish(value.orElseThrow())) {
            Pages.redirect(res, "/login");
            return;
        }
        cookie.set(res, COOKIE, "", Duration.ZERO);
        // A fresh session id at login, so a planted cookie cannot ride into the new session (session fixation).
        cookie.read(req).ifPresent(sessions::end);
        Actor.Origin origin = Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req));
        String method = pending.get().method();
        cookie.set(res, sessions.logIn(userId, clock.instant(), origin, method, amr(method, check)).cookieValue());
        Pages.redirect(res, pending.get().returnTo());
    }

    /**
     * RFC 8176: the password ("pwd"; a first factor given elsewhere has no value of its own here),
     * then an authenticator's code ("otp") or a recovery code; two factors either way ("mfa").
     */
    static List<String> amr(String method, SecondFactors.Check check) {
        List<String> amr = new ArrayList<>();
        if (method.equals("password")) amr.add("pwd");
        if (check == SecondFactors.Check.TOTP) amr.add("otp");
        amr.add("mfa");
        return List.copyOf(amr);
    }

    private Optional<PendingLogins.Pending> pending(ServerRequest req) {
        return cookie.read(req, COOKIE).flatMap(pendingLogins::find);
    }

    private void show(ServerRequest req, ServerResponse res, int status, PendingLogins.Pending pending, String error, Long retryAfter) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.anonymous("Second factor"));
        params.put("csrf", csrf.preSessionToken(req, res));
        params.put("error", error);
        params.put("retryAfter", retryAfter);
        params.put("app", pendingApps.forReturnTo(pending.returnTo()).orElse(null));
        pages.render(res, status, "login/secondFactor.jte", params);
    }
}

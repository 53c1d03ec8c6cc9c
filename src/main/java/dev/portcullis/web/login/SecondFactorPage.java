package dev.portcullis.web.login;

import dev.portcullis.authorize.PendingApps;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.mfa.Passkeys;
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
 * authenticator types its code (or a recovery code), or uses a passkey, here before any session
 * exists. The half-done login is bound to this browser by its own short-lived cookie
 * ({@link PendingLogins}) and carries the first step's return_to, so an authorization request goes on afterwards. Wrong codes are throttled per user.
 */
public final class SecondFactorPage implements Routes {
    public static final String PATH = SecondFactorStep.PATH;
    static final String COOKIE = SecondFactorStep.COOKIE;
    static final String PASSKEY = PATH + "/passkey";
    static final String INVALID = "That code is not right. Try the current code of your app, or a recovery code.";
    static final String PASSKEY_REFUSED = "That passkey could not be used. Use a passkey of this account, or try again.";
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
    private final Passkeys passkeys;

    public SecondFactorPage(SecondFactorStep step, SecondFactors factors, LoginSessions sessions, SessionCookie cookie,
                            Csrf csrf, Pages pages, RateLimiter wrongCodes, PendingApps pendingApps, Clock clock, ClientAddress addresses,
                            Passkeys passkeys) {
        this.addresses = addresses;
        this.passkeys = passkeys;
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
        routing.post(PASSKEY + "/options", pages.page(this::passkeyOptions));
        routing.post(PASSKEY, pages.page(this::passkey));
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
        Optional<Attempt> attempt = attempt(req, res);
        if (attempt.isEmpty()) return;
        String userId = attempt.get().pending().userId();
        SecondFactors.Check check = factors.check(userId, attempt.get().form().get("code").orElse(""));
        if (check == SecondFactors.Check.REFUSED) {
            wrongCodes.spend(userId);
            show(req, res, 400, attempt.get().pending(), INVALID, null);
            return;
        }
        // RFC 8176: an authenticator's code ("otp"); a recovery code has no value of its own.
        complete(req, res, attempt.get(), check == SecondFactors.Check.TOTP ? List.of("otp") : List.of());
    }

    /** A submitted second factor: its form, and the pending login it answers (by its cookie value). */
    private record Attempt(Params form, String pendingValue, PendingLogins.Pending pending) {}

    /**
     * The CSRF check, then the pending login and the throttle; empty when the answer is already
     * sent (an expired or finished login starts over at the password, a throttled one waits).
     */
    private Optional<Attempt> attempt(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        Optional<String> value = cookie.read(req, COOKIE);
        Optional<PendingLogins.Pending> pending = value.flatMap(pendingLogins::find);
        if (pending.isEmpty()) {
            Pages.redirect(res, "/login");
            return Optional.empty();
        }
        if (throttled(req, res, pending.get())) return Optional.empty();
        return Optional.of(new Attempt(form, value.get(), pending.get()));
    }

    /** The options of a passkey ceremony for the pending login's user: only their passkeys are offered. */
    private void passkeyOptions(ServerRequest req, ServerResponse res) {
        csrf.checkPreSession(req, Params.body(req));
        Optional<PendingLogins.Pending> pending = pending(req);
        if (pending.isEmpty()) throw OAuthException.notFound("No login is waiting for a second factor");
        var started = passkeys.startSecondFactor(pending.get().userId());
        cookie.set(res, Passkeys.COOKIE, started.cookieValue(), Passkeys.CEREMONY);
        Json.send(res, 200, started.options());
    }

    /** A passkey after the password: it must be one of the pending login's user; another user's is refused. */
    private void passkey(ServerRequest req, ServerResponse res) {
        Optional<Attempt> attempt = attempt(req, res);
        if (attempt.isEmpty()) return;
        String userId = attempt.get().pending().userId();
        String ceremony = cookie.read(req, Passkeys.COOKIE).orElse("");
        cookie.set(res, Passkeys.COOKIE, "", Duration.ZERO);
        var verified = passkeys.finishSecondFactor(userId, ceremony, attempt.get().form().get("credential").orElse(""));
        if (verified.isEmpty()) {
            wrongCodes.spend(userId);
            show(req, res, 400, attempt.get().pending(), PASSKEY_REFUSED, null);
            return;
        }
        complete(req, res, attempt.get(), List.of(verified.get().keyKind()));
    }

    /** After too many wrong answers the form waits, even for a right one: says how long, 429. */
    private boolean throttled(ServerRequest req, ServerResponse res, PendingLogins.Pending pending) {
        Optional<Duration> wait = wrongCodes.waitFor(pending.userId());
        if (wait.isEmpty()) return false;
        long seconds = LoginThrottle.seconds(wait.get());
        res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        show(req, res, 429, pending, null, seconds);
        return true;
    }

    /**
     * Ends the pending login and signs the user in, authenticated by its first factor and then
     * {@code second} (amr values); once only, so two tabs cannot both do it.
     */
    private void complete(ServerRequest req, ServerResponse res, Attempt attempt, List<String> second) {
        PendingLogins.Pending pending = attempt.pending();
        if (!pendingLogins.finish(attempt.pendingValue())) {
            Pages.redirect(res, "/login");
            return;
        }
        cookie.set(res, COOKIE, "", Duration.ZERO);
        // A fresh session id at login, so a planted cookie cannot ride into the new session (session fixation).
        cookie.read(req).ifPresent(sessions::end);
        Actor.Origin origin = Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req));
        cookie.set(res, sessions.logIn(pending.userId(), clock.instant(), origin, pending.method(), amr(pending.method(), second))
                .cookieValue());
        Pages.redirect(res, pending.returnTo());
    }

    /**
     * RFC 8176: the password ("pwd"; a first factor given elsewhere, an upstream provider or the
     * external login, has no value of its own here), then the second factor's values; "mfa" always.
     */
    static List<String> amr(String method, List<String> second) {
        List<String> amr = new ArrayList<>();
        if (method.equals("password")) amr.add("pwd");
        amr.addAll(second);
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
        params.put("totp", factors.enrolled(pending.userId()));
        params.put("passkey", passkeys.registered(pending.userId()));
        pages.render(res, status, "login/secondFactor.jte", params);
    }
}

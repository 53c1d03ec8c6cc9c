package dev.portcullis.web.accountsecurity;

import dev.portcullis.accountsecurity.AccountMail;
import dev.portcullis.accountsecurity.PasswordReset;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /forgot} asks for an address and answers the same page whether or not an account uses it
 * (no account enumeration); {@code /reset?token=...} sets the new password. After a reset every
 * session of the account has ended, this browser's too: the person logs in with the new password.
 */
public final class PasswordResetPages implements Routes {
    private final PasswordReset reset;
    private final AccountMail mail;
    private final Csrf csrf;
    private final SessionCookie cookie;
    private final Pages pages;
    private final RateLimiter perAddress;
    private final RateLimiter perAccount;
    private final ClientAddress clientAddress;
    private final PasswordLogin passwordLogin;

    /** {@code perAccount} counts by the address typed, so a known and an unknown account are limited alike. */
    public PasswordResetPages(PasswordReset reset, AccountMail mail, Csrf csrf, SessionCookie cookie, Pages pages,
                              RateLimiter perAddress, RateLimiter perAccount, ClientAddress clientAddress, PasswordLogin passwordLogin) {
        this.reset = reset;
        this.mail = mail;
        this.csrf = csrf;
        this.cookie = cookie;
        this.pages = pages;
        this.perAddress = perAddress;
        this.perAccount = perAccount;
        this.clientAddress = clientAddress;
        this.passwordLogin = passwordLogin;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/forgot", pages.page((req, res) -> {
            passwordLogin.requireOn();
            forgotForm(req, res, 200, Params.query(req).get("email").orElse(""), null);
        }));
        routing.post("/forgot", pages.page(this::requested));
        routing.get("/reset", pages.page((req, res) -> {
            passwordLogin.requireOn();
            String token = Params.query(req).get("token").orElse("");
            if (reset.pending(token).isEmpty()) {
                invalid(res);
                return;
            }
            resetForm(req, res, 200, token, null);
        }));
        routing.post("/reset", pages.page(this::chosen));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void requested(ServerRequest req, ServerResponse res) {
        passwordLogin.requireOn();
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        String email = form.get("email").orElse("").strip();
        if (email.isEmpty() || email.length() > 320) {
            forgotForm(req, res, 400, email, "Enter the email address of your account.");
            return;
        }
        perAddress.acquire(clientAddress.of(req));
        perAccount.acquire(email.toLowerCase(Locale.ROOT));
        reset.request(email, origin(req)).ifPresent(mail::send); // sent in the background: both answers take as long
        pages.render(res, 200, "accountsecurity/forgotSent.jte", Map.of("layout", Layout.anonymous("Check your mail"), "email", email));
    }

    private void chosen(ServerRequest req, ServerResponse res) {
        passwordLogin.requireOn();
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        String token = form.get("token").orElse("");
        try {
            if (reset.complete(token, form.get("password").orElse(""), origin(req)).isEmpty()) {
                invalid(res);
                return;
            }
        } catch (OAuthException e) {
            if (!(e.error() instanceof Failure.Validation v)) throw e;
            resetForm(req, res, 400, token, v.description());
            return;
        }
        cookie.clear(res); // every session of the account ended, this browser's too
        pages.render(res, 200, "accountsecurity/resetDone.jte", Map.of("layout", Layout.anonymous("Password changed")));
    }

    private Actor.Origin origin(ServerRequest req) {
        return Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
    }

    private void forgotForm(ServerRequest req, ServerResponse res, int status, String email, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.anonymous("Forgot your password?"));
        params.put("csrf", csrf.preSessionToken(req, res));
        params.put("email", email);
        params.put("error", error);
        pages.render(res, status, "accountsecurity/forgot.jte", params);
    }

    private void resetForm(ServerRequest req, ServerResponse res, int status, String token, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.anonymous("Choose a new password"));
        params.put("csrf", csrf.preSessionToken(req, res));
        params.put("token", token);
        params.put("error", error);
        pages.render(res, status, "accountsecurity/reset.jte", params);
    }

    private void invalid(ServerResponse res) {
        pages.render(res, 400, "accountsecurity/linkInvalid.jte", Map.of(
                "layout", Layout.anonymous("Link no longer works"),
                "what", "password reset",
                "again", "/forgot",
                "againLabel", "Ask for a new link"));
    }
}

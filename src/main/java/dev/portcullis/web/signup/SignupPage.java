package dev.portcullis.web.signup;

import dev.portcullis.events.Actor;
import dev.portcullis.accountsecurity.VerificationMail;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** {@code /signup}: creates the user and their first workspace, signs them in, then follows {@code return_to}. */
public final class SignupPage implements Routes {
    private final IdentityService identity;
    private final LoginSessions sessions;
    private final SessionCookie cookie;
    private final Csrf csrf;
    private final Pages pages;
    private final RateLimiter perAddress;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final PasswordLogin passwordLogin;
    private final VerificationMail verificationMail;

    /**
     * {@code perAddress} bounds sign-ups from one address: each is an account and an Argon2id hash.
     * With the password login off, people sign up where they log in: the external login, or the
     * login page's upstream provider buttons when no external login is set.
     */
    public SignupPage(IdentityService identity, LoginSessions sessions, SessionCookie cookie, Csrf csrf, Pages pages,
                      RateLimiter perAddress, ClientAddress clientAddress, Clock clock, PasswordLogin passwordLogin,
                      VerificationMail verificationMail) {
        this.verificationMail = verificationMail;
        this.identity = identity;
        this.perAddress = perAddress;
        this.clientAddress = clientAddress;
        this.sessions = sessions;
        this.cookie = cookie;
        this.csrf = csrf;
        this.pages = pages;
        this.clock = clock;
        this.passwordLogin = passwordLogin;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/signup", pages.page(this::form));
        routing.post("/signup", pages.page(this::submit));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void form(ServerRequest req, ServerResponse res) {
        String returnTo = ReturnTo.safe(Params.query(req).get("return_to").orElse(null));
        if (passwordLogin.sentElsewhere(req, res, returnTo)) return;
        if (!passwordLogin.on()) {
            // Only upstream providers offer a way in: their buttons are on the login page, which makes the account.
            Pages.redirect(res, "/login?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
            return;
        }
        show(req, res, 200, "", "", returnTo, null);
    }

    private void submit(ServerRequest req, ServerResponse res) {
        passwordLogin.requireOn();
        Params form = Params.body(req);
        csrf.checkPreSession(req, form);
        Actor.Origin origin = Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
        perAddress.acquire(origin.address().orElseThrow());
        String name = form.get("name").orElse("");
        String email = form.get("email").orElse("");
        String returnTo = ReturnTo.safe(form.get("return_to").orElse(null));
        IdentityService.SignedUp signedUp;
        try {
            signedUp = identity.signUp(name, email, form.get("password").orElse(""), origin);
        } catch (OAuthException e) {
            if (!(e.error() instanceof Failure.Validation v)) throw e;
            show(req, res, 400, name, email, returnTo, v.description());
            return;
        }
        verificationMail.send(signedUp.user().id()); // after the sign-up committed; sent in the background
        cookie.read(req).ifPresent(sessions::end);
        cookie.set(res, sessions.start(signedUp.user().id(), clock.instant(), origin).cookieValue());
        Pages.redirect(res, returnTo);
    }

    private void show(ServerRequest req, ServerResponse res, int status, String name, String email, String returnTo, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.anonymous("Sign up"));
        params.put("csrf", csrf.preSessionToken(req, res));
        params.put("name", name);
        params.put("email", email);
        params.put("returnTo", returnTo);
        params.put("error", error);
        pages.render(res, status, "signup.jte", params);
    }
}

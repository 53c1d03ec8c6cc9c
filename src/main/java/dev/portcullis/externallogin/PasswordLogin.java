package dev.portcullis.externallogin;

import dev.portcullis.authorize.BrowserBinding;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Whether /login and /signup offer Portcullis's own password forms. Turned off
 * ({@code PORTCULLIS_PASSWORD_LOGIN=false}), they send the browser to the external login instead,
 * bound to it like a login from /authorize, and come back to {@code return_to} (else /account).
 */
public final class PasswordLogin {
    private final LoginSettings settings;
    private final ExternalAuthentications external;
    private final BrowserBinding browsers;

    public PasswordLogin(LoginSettings settings, ExternalLoginEndpoint endpoint, SessionCookie cookie, SecureRandom random) {
        this.settings = settings;
        this.external = endpoint.logins();
        this.browsers = new BrowserBinding(cookie, random);
    }

    /**
     * Empty while the password login is on; else the external login page for this browser, which
     * returns to {@code returnTo}. Without an external login to send people to, a 403 page.
     */
    public Optional<URI> elsewhere(ServerRequest req, ServerResponse res, String returnTo) {
        if (settings.current().passwordLogin()) return Optional.empty();
        return Optional.of(external.start(returnTo, browsers.bind(req, res)).orElseThrow(PasswordLogin::off));
    }

    /** For the password and sign-up form posts: refused while the password login is off. */
    public void requireOn() {
        if (!settings.current().passwordLogin()) throw off();
    }

    private static OAuthException off() {
        return new OAuthException(new OAuthError.AccessDenied(
                "Password login is turned off on this server. Log in through the app you came from."));
    }
}

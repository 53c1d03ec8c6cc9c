package dev.portcullis.externallogin;

import dev.portcullis.authorize.BrowserBinding;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;

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
     * False, having sent nothing, while the password login is on; else sends the browser to the
     * external login, to return to {@code returnTo}. Without an external login to send it to, a 403 page.
     */
    public boolean sentElsewhere(ServerRequest req, ServerResponse res, String returnTo) {
        if (settings.current().passwordLogin()) return false;
        if (!external.send(res, returnTo, browsers.bind(req, res))) throw off();
        return true;
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

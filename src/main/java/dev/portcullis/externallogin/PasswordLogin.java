package dev.portcullis.externallogin;

import dev.portcullis.authorize.BrowserBinding;
import dev.portcullis.config.Config;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Whether /login and /signup offer Portcullis's own password forms. Turned off
 * ({@code PORTCULLIS_PASSWORD_LOGIN=false}), they send the browser to the external login instead,
 * bound to it like a login from /authorize, and come back to {@code return_to} (else /account).
 * Without an external login but with upstream providers, /login shows only their buttons.
 */
public final class PasswordLogin {
    private final LoginSettings settings;
    private final ExternalAuthentications external;
    private final BrowserBinding browsers;

    public PasswordLogin(LoginSettings settings, ExternalAuthentications external, BrowserBinding browsers) {
        this.settings = settings;
        this.external = external;
        this.browsers = browsers;
    }

    /**
     * False, having sent nothing, while the password login is on or only upstream providers offer a
     * way in (then {@link #on} is false); else sends the browser to the external login, to return to
     * {@code returnTo}. With no way in at all, a 403 page.
     */
    public boolean sentElsewhere(ServerRequest req, ServerResponse res, String returnTo) {
        Config.Login now = settings.current();
        if (now.passwordLogin()) return false;
        if (now.externalLoginUri().isEmpty() && settings.upstreamLogin()) return false;
        if (!external.send(res, returnTo, browsers.bind(req, res))) throw off();
        return true;
    }

    /** Whether the password form is offered now. */
    public boolean on() {
        return settings.current().passwordLogin();
    }

    /** For the password and sign-up form posts: refused while the password login is off. */
    public void requireOn() {
        if (!on()) throw off();
    }

    private static OAuthException off() {
        return new OAuthException(new OAuthError.AccessDenied(
                "Password login is turned off on this server. Log in through the app you came from."));
    }
}

package dev.portcullis.http;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.ValidatedRedirect;

/**
 * An authorization-endpoint error found after the redirect URI is validated: answered at the
 * client's redirect URI, in the request's response mode, rather than shown to the person (RFC 6749
 * §4.1.2.1). It takes only a {@link ValidatedRedirect}, so it cannot send anyone elsewhere.
 */
public final class RedirectedError extends OAuthException {
    private final transient ValidatedRedirect redirect;

    private RedirectedError(ValidatedRedirect redirect, OAuthError error, String detail) {
        super(error, detail);
        this.redirect = redirect;
    }

    public static OAuthException to(ValidatedRedirect redirect, OAuthError error) {
        return new RedirectedError(redirect, error, null);
    }

    /** The same, with a private detail for the log. */
    public static OAuthException to(ValidatedRedirect redirect, OAuthError error, String detail) {
        return new RedirectedError(redirect, error, detail);
    }

    public ValidatedRedirect redirect() {
        return redirect;
    }
}

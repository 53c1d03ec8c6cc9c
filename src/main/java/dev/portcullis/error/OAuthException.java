package dev.portcullis.error;

import dev.portcullis.oauth.ValidatedRedirect;
import java.util.Optional;

/**
 * Carries a {@link Problem} (an {@link OAuthError} or a {@link Failure}) from where it is found to
 * the one handler that renders it.
 * No stack trace: these are expected outcomes, not bugs. {@code detail} is for the log only.
 */
public final class OAuthException extends RuntimeException {
    private final transient Problem error;
    private final String detail;
    private final transient ValidatedRedirect redirect;

    public OAuthException(Problem error) {
        this(error, null);
    }

    public OAuthException(Problem error, String detail) {
        this(error, detail, null);
    }

    private OAuthException(Problem error, String detail, ValidatedRedirect redirect) {
        super(error.description(), null, false, false);
        this.error = error;
        this.detail = detail;
        this.redirect = redirect;
    }

    /** An authorization-endpoint error after the redirect URI is validated: sent back to the client (RFC 6749 §4.1.2.1). */
    public static OAuthException redirecting(ValidatedRedirect redirect, OAuthError error) {
        return new OAuthException(error, null, redirect);
    }

    /** The same, with a private detail for the log. */
    public static OAuthException redirecting(ValidatedRedirect redirect, OAuthError error, String detail) {
        return new OAuthException(error, detail, redirect);
    }

    public Optional<ValidatedRedirect> redirect() {
        return Optional.ofNullable(redirect);
    }

    public Problem error() {
        return error;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(new OAuthError.InvalidRequest(description));
    }

    public static OAuthException validation(String field, String description) {
        return new OAuthException(new Failure.Validation(field, description));
    }

    public static OAuthException notFound(String description) {
        return new OAuthException(new Failure.NotFound(description));
    }
}

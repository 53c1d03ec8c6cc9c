package dev.portcullis.error;

import java.util.Optional;

/**
 * Carries an {@link OAuthError} from where it is found to the one handler that renders it.
 * No stack trace: these are expected outcomes, not bugs. {@code detail} is for the log only.
 */
public final class OAuthException extends RuntimeException {
    private final transient OAuthError error;
    private final String detail;

    public OAuthException(OAuthError error) {
        this(error, null);
    }

    public OAuthException(OAuthError error, String detail) {
        super(error.description(), null, false, false);
        this.error = error;
        this.detail = detail;
    }

    public OAuthError error() {
        return error;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(new OAuthError.InvalidRequest(description));
    }

    public static OAuthException validation(String field, String description) {
        return new OAuthException(new OAuthError.Validation(field, description));
    }

    public static OAuthException notFound(String description) {
        return new OAuthException(new OAuthError.NotFound(description));
    }
}

package dev.portcullis.error;

import java.util.Optional;

/**
 * Carries a {@link Problem} (an {@link OAuthError} or a {@link Failure}) from where it is found to
 * the one handler that renders it.
 * No stack trace: these are expected outcomes, not bugs. {@code detail} is for the log only.
 * Not final only for http.RedirectedError, the authorization endpoint's error that is answered
 * at the client's redirect URI.
 */
public class OAuthException extends RuntimeException {
    private final transient Problem error;
    private final String detail;

    public OAuthException(Problem error) {
        this(error, null);
    }

    public OAuthException(Problem error, String detail) {
        super(error.description(), null, false, false);
        this.error = error;
        this.detail = detail;
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

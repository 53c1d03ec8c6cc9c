package dev.portcullis.token;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;

/**
 * What a grant's transaction decided. A failure whose side effects must be kept (a consumed code,
 * a revoked family) is returned, so the transaction commits, and thrown only afterwards.
 */
sealed interface Outcome {
    record Issued(TokenDraft draft) implements Outcome {}
    /** {@code familyRevoked}: the failure deleted issued tokens, which caches must now forget. */
    record Failed(OAuthError error, boolean familyRevoked) implements Outcome {
        Failed(OAuthError error) {
            this(error, false);
        }
    }

    default TokenDraft orThrow() {
        return switch (this) {
            case Issued i -> i.draft();
            case Failed f -> throw new OAuthException(f.error());
        };
    }

    static Outcome revoked(String description) {
        return new Failed(new OAuthError.InvalidGrant(description), true);
    }

    static Outcome invalidGrant(String description) {
        return new Failed(new OAuthError.InvalidGrant(description));
    }
}

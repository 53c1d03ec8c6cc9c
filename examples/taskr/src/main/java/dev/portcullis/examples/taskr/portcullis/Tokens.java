package dev.portcullis.examples.taskr.portcullis;

import java.time.Instant;
import java.util.Optional;

/**
 * What the token endpoint granted (RFC 6749 §5.1). No {@code expires_in} means the access token
 * does not expire (Portcullis apps may choose that).
 */
public record Tokens(String accessToken, Optional<String> refreshToken, Optional<Instant> accessExpiresAt, String scope) {

    @Override
    public String toString() {
        return "Tokens[scope=" + scope + ", expires=" + accessExpiresAt.map(Instant::toString).orElse("never") + "]";
    }

    /** True when the access token is expired or about to be, allowing for clock skew. */
    boolean expiresBefore(Instant moment) {
        return accessExpiresAt.map(at -> !at.isAfter(moment)).orElse(false);
    }

    /** A refresh may omit refresh_token; the current one then stays valid (RFC 6749 §6). */
    Tokens keepingRefreshTokenOf(Tokens previous) {
        return refreshToken.isPresent() ? this : new Tokens(accessToken, previous.refreshToken, accessExpiresAt, scope);
    }
}

package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.TokenKind;
import java.time.Instant;
import java.util.Optional;

/**
 * An unused refresh token of a live grant. Never a bearer credential: only its own client may
 * introspect it (RFC 7662 §4), and only the token endpoint may spend it.
 */
public record RefreshTokenCredential(SecretHash hash, String clientId, UserGrant grant, ScopeSet scopes,
                                     Instant issuedAt, Instant expiry) implements Credential {

    @Override
    public String id() {
        return hash.hex();
    }

    @Override
    public TokenKind kind() {
        return TokenKind.REFRESH_TOKEN;
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.of(expiry);
    }
}

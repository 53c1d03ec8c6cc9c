package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.TokenKind;
import java.time.Instant;
import java.util.Optional;

/**
 * An OAuth access token, opaque ({@code pc_at_…}) or a JWT (RFC 9068), as its stored row says.
 * {@code grant} is empty for a client_credentials token: no user, no workspace.
 */
public record AccessTokenCredential(SecretHash hash, String clientId, Optional<UserGrant> grant, ScopeSet scopes,
                                    Optional<String> resource, boolean jwt, Instant issuedAt, Optional<Instant> expiresAt)
        implements Credential {

    /** The row key: the hash of the opaque value, or of the JWT's {@code jti}. */
    @Override
    public String id() {
        return hash.hex();
    }

    @Override
    public TokenKind kind() {
        return TokenKind.ACCESS_TOKEN;
    }

    public Optional<Workspace> workspace() {
        return grant.map(UserGrant::workspace);
    }

    /** RFC 8707: the resource the token was issued for; the client itself when none was asked. */
    public String audience() {
        return resource.orElse(clientId);
    }
}

package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.TokenKind;
import java.time.Instant;
import java.util.Optional;

/**
 * An OAuth access token, opaque ({@code pc_at_…}) or a JWT (RFC 9068), as its stored row says.
 * {@code grant} is empty for a client_credentials token: no user, no workspace. {@code jkt}: the
 * thumbprint of the DPoP key the token is bound to (RFC 9449 §6), empty for a bearer token.
 */
public record AccessTokenCredential(SecretHash hash, String clientId, Optional<UserGrant> grant, ScopeSet scopes,
                                    Optional<String> resource, boolean jwt, Instant issuedAt, Optional<Instant> expiresAt,
                                    Optional<String> jkt)
        implements Credential {

    /** A bearer token. */
    public AccessTokenCredential(SecretHash hash, String clientId, Optional<UserGrant> grant, ScopeSet scopes,
                                 Optional<String> resource, boolean jwt, Instant issuedAt, Optional<Instant> expiresAt) {
        this(hash, clientId, grant, scopes, resource, jwt, issuedAt, expiresAt, Optional.empty());
    }

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

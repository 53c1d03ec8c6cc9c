package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.util.Optional;

/**
 * What the resolver needs of the token tables, implemented by their owner
 * ({@code token.SqlTokenRepository}): one indexed look-up by token hash, joined with the app (it
 * must exist and have OAuth on) and, for user tokens, grant, connection and workspace. A deleted
 * app, grant or connection deletes the token rows by cascade, so "row gone" is "revoked"; an app
 * with OAuth turned off keeps its rows but they are not active.
 */
public interface OAuthTokenCredentials {

    /**
     * The access token stored under {@code hash}; {@code jwt} picks the row kind, so an opaque
     * value can never match a JWT's row or the reverse. Expiry is the caller's to check.
     */
    Optional<AccessTokenCredential> findAccessCredential(Tx tx, SecretHash hash, boolean jwt, ScopeCatalog scopes);

    /**
     * The unused refresh token stored under {@code hash}, its expiry the earlier of its own and its
     * grant's. Expiry is the caller's to check.
     */
    Optional<RefreshTokenCredential> findRefreshCredential(Tx tx, SecretHash hash, ScopeCatalog scopes);
}

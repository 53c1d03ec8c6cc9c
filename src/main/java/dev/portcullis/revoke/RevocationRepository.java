package dev.portcullis.revoke;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.util.List;

/**
 * Revocation as single protocol acts, each confined to the tokens of {@code clientId}: a token
 * of another client is left alone. Each returns the hashes of the access tokens it deleted, for
 * the caller to evict from the resolver's cache.
 */
public interface RevocationRepository {

    /** Deletes one access token row (opaque, or a JWT's by its jti hash). */
    List<SecretHash> revokeAccessToken(Tx tx, SecretHash hash, boolean jwt, String clientId);

    /** Deletes the grant of a refresh token, used or not, and with it the whole family (RFC 7009 §2.1). */
    List<SecretHash> revokeRefreshToken(Tx tx, SecretHash hash, String clientId);
}

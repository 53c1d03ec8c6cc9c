package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * What the resolver needs of the API keys table, implemented by its owner
 * ({@code apikeys.SqlApiKeyRepository}): credentials/ defines it so that it imports no repository.
 */
public interface ApiKeyCredentials {

    /**
     * The key stored under {@code hash}, one indexed look-up, joined with its workspace and its
     * creator's membership there while they have one; stored scopes read against {@code scopes}.
     * Expiry is the caller's to check.
     */
    Optional<ApiKeyCredential> findCredential(Tx tx, SecretHash hash, ScopeCatalog scopes);

    /** Sets the last-used time of these keys (any number of ids; unknown ones are skipped). */
    void markUsed(Tx tx, Collection<String> keyIds, Instant at);
}

package dev.portcullis.apikeys;

import dev.portcullis.credentials.ApiKeyCredentials;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys by workspace; the secret reaches storage only as its {@link SecretHash}. A second key
 * of the same name in one workspace throws {@code UniqueViolation}. The owner of {@code api_keys},
 * so it also serves the credential resolver's look-up and last-used times.
 */
public interface ApiKeyRepository extends ApiKeyCredentials {
    void insert(Tx tx, ApiKey key, SecretHash hash);

    Optional<ApiKey> find(Tx tx, String workspaceId, String id);

    Optional<ApiKey> findByName(Tx tx, String workspaceId, String name);

    /** Oldest first. */
    List<ApiKey> listByWorkspace(Tx tx, String workspaceId);

    boolean update(Tx tx, String id, String name, List<String> scopes, Optional<Instant> expiresAt);

    boolean delete(Tx tx, String id);
}

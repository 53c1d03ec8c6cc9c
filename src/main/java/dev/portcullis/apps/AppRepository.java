package dev.portcullis.apps;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Apps and their redirect URIs and secrets; every method runs inside the caller's transaction. */
public interface AppRepository {
    void insert(Tx tx, App app);

    Optional<App> find(Tx tx, String clientId);

    List<App> listByOwner(Tx tx, String ownerUserId);

    void update(Tx tx, String clientId, AppSettings settings);

    boolean delete(Tx tx, String clientId);

    void addSecret(Tx tx, String secretId, String clientId, SecretHash hash, String hint, Instant now);

    /** Gives every other secret of the app an expiry at {@code until} (a grace period, or now). */
    void expireSecretsExcept(Tx tx, String clientId, String keepSecretId, Instant until);

    boolean hasValidSecret(Tx tx, String clientId, SecretHash hash, Instant now);

    List<ClientSecretInfo> secrets(Tx tx, String clientId, Instant now);

    /** A secret's visible facts; the secret itself is never stored. */
    record ClientSecretInfo(String id, String hint, Instant createdAt, Optional<Instant> expiresAt) {}
}

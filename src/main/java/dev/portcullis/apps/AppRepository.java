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

    /** RFC 7592: stores the hash of the token that manages a self-registered app. */
    void setRegistrationToken(Tx tx, String clientId, SecretHash hash);

    /** The self-registered app {@code clientId} if {@code hash} is its registration access token's. */
    Optional<App> findRegistered(Tx tx, String clientId, SecretHash hash);

    /** Deletes {@code clientId} only if {@code hash} is its registration access token's, in one statement. */
    boolean deleteRegistered(Tx tx, String clientId, SecretHash hash);

    /** Records that the app obtained a token; skipped when already recorded since {@code unlessAfter}. */
    void markUsed(Tx tx, String clientId, Instant now, Instant unlessAfter);

    /** An app the unused-app sweep deleted. */
    record Swept(String clientId, String name) {}

    /** Deletes self-registered apps created before {@code createdBefore} and never used; which. */
    List<Swept> deleteUnusedSelfRegistered(Tx tx, Instant createdBefore);

    /** A secret's visible facts; the secret itself is never stored. */
    record ClientSecretInfo(String id, String hint, Instant createdAt, Optional<Instant> expiresAt) {}
}

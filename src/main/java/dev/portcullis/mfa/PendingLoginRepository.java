package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Logins waiting for their second factor, keyed by the SHA-256 of the browser's cookie value. */
public interface PendingLoginRepository {

    /** {@code method}: how the first factor was given ("password", "external", "upstream:<provider id>"). */
    record Stored(String userId, String returnTo, String method, Instant expiresAt) {}

    void insert(Tx tx, SecretHash id, Stored login);

    /** The pending login while it lives; empty once expired, finished or unknown. */
    Optional<Stored> find(Tx tx, SecretHash id, Instant now);

    /** Ends it: true for the one caller that removed it, so a login completes once. */
    boolean delete(Tx tx, SecretHash id);

    /** Housekeeping: drops the user's expired ones. */
    int deleteExpiredOf(Tx tx, String userId, Instant now);
}

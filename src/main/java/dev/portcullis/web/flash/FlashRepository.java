package dev.portcullis.web.flash;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Page flashes keyed by the SHA-256 of their id, each bound to the login session (its cookie's hash) that made it. */
public interface FlashRepository {

    /** A flash as stored: the secret, if any, only sealed. */
    record Stored(SecretHash session, String section, String notice, Optional<String> secretLabel,
                  Optional<String> sealedSecret, Instant expiresAt) {}

    void insert(Tx tx, SecretHash id, Stored flash);

    /** Reads and deletes in one statement, so a flash is shown once; another session's or an expired one is not returned. */
    Optional<Stored> take(Tx tx, SecretHash id, SecretHash session, Instant now);

    /** Housekeeping: drops a session's flashes that were never read in time. */
    int deleteExpiredOf(Tx tx, SecretHash session, Instant now);
}

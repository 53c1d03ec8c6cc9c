package dev.portcullis.identity;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login sessions keyed by the SHA-256 of the cookie value; the value itself is never stored. */
public interface LoginSessionRepository {

    /** {@code amr}: how the session was authenticated (OIDC amr values), empty when unknown. */
    record Stored(String userId, String csrfToken, Instant authTime, Instant lastSeenAt, Instant expiresAt, List<String> amr) {
        public Stored(String userId, String csrfToken, Instant authTime, Instant lastSeenAt, Instant expiresAt) {
            this(userId, csrfToken, authTime, lastSeenAt, expiresAt, List.of());
        }
    }

    void insert(Tx tx, SecretHash id, Stored session);

    Optional<Stored> find(Tx tx, SecretHash id);

    void touch(Tx tx, SecretHash id, Instant lastSeenAt);

    boolean delete(Tx tx, SecretHash id);

    /** Housekeeping: drops a user's sessions that are past either expiry. */
    int deleteExpiredOf(Tx tx, String userId, Instant now, Instant idleBefore);
}

package dev.portcullis.identity;

import dev.portcullis.events.Actor;
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

    /** A live session as /account lists it: where it was started from, when, and when last used. */
    record Listed(SecretHash id, Optional<String> userAgent, Optional<String> address, Instant authTime, Instant lastSeenAt) {}

    /** {@code origin}: the browser and address the login came from, as /account shows them. */
    void insert(Tx tx, SecretHash id, Stored session, Actor.Origin origin);

    Optional<Stored> find(Tx tx, SecretHash id);

    void touch(Tx tx, SecretHash id, Instant lastSeenAt);

    boolean delete(Tx tx, SecretHash id);

    /** {@code userId}'s sessions not past either expiry, most recently used first. */
    List<Listed> listOf(Tx tx, String userId, Instant now, Instant idleBefore);

    /**
     * How /account names a session in its forms: the first 16 hex digits of its id's hash (64 bits,
     * unique among one user's few sessions; the cookie cannot be derived from it).
     */
    static String handleOf(SecretHash id) {
        return id.hex().substring(0, 16);
    }

    static boolean isHandle(String s) {
        return s != null && s.matches("[0-9a-f]{16}");
    }

    /** Ends {@code userId}'s session named {@code handle} ({@link #handleOf}); false when they have none such. */
    boolean deleteOf(Tx tx, String userId, String handle);

    /** Ends every session of {@code userId} except {@code keep}, when given. */
    int deleteAllOf(Tx tx, String userId, Optional<SecretHash> keep);

    /** Housekeeping: drops a user's sessions that are past either expiry. */
    int deleteExpiredOf(Tx tx, String userId, Instant now, Instant idleBefore);
}

package dev.portcullis.mfa;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** A user's TOTP authenticator: the sealed secret, whether a first code confirmed it, the last step used. */
public interface TotpRepository {

    record Stored(String userId, String sealedSecret, Optional<Instant> confirmedAt, Optional<Long> lastStep, Instant createdAt) {
        public boolean confirmed() {
            return confirmedAt.isPresent();
        }
    }

    /** A new, unconfirmed secret for the user, replacing an unconfirmed one; false when a confirmed one exists. */
    boolean propose(Tx tx, String userId, String sealedSecret, Instant now);

    Optional<Stored> find(Tx tx, String userId);

    /** Confirms the proposed secret by the first code's step; false when there is none or it is already confirmed. */
    boolean confirm(Tx tx, String userId, long step, Instant now);

    /**
     * Accepts a code of {@code step} once (RFC 6238 §5.2): true only when the secret is confirmed and no code of
     * this or a later step was accepted before, in one statement, so two instances cannot both accept it.
     */
    boolean use(Tx tx, String userId, long step);

    boolean delete(Tx tx, String userId);
}

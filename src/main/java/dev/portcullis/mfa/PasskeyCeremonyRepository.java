package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** WebAuthn ceremonies under way, keyed by the SHA-256 of the browser's cookie value: their challenge, single use. */
public interface PasskeyCeremonyRepository {

    /**
     * {@code userId}: whom it is for, empty for a usernameless sign-in; {@code userHandle}: the handle a
     * registration offered; {@code challenge} base64url.
     */
    record Stored(String purpose, Optional<String> userId, Optional<String> userHandle, String challenge, Instant expiresAt) {}

    void insert(Tx tx, SecretHash id, Stored ceremony);

    /**
     * Removes it and returns it when it was still alive: each ceremony answers once, so a replayed
     * response finds nothing. An expired one is removed and not returned.
     */
    Optional<Stored> take(Tx tx, SecretHash id, Instant now);

    /** Housekeeping: drops every expired ceremony. */
    int deleteExpired(Tx tx, Instant now);
}

package dev.portcullis.mfa;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registered passkeys (WebAuthn credentials), each owned by one user. Binary values are base64url text. */
public interface PasskeyRepository {

    /**
     * One credential: {@code id} our handle in URLs, {@code credentialId} the authenticator's,
     * {@code publicKey} the COSE key, {@code userHandle} the random per-user handle the authenticator holds.
     */
    record Stored(String id, String userId, String credentialId, String publicKey, String aaguid, long signCount,
                  List<String> transports, String userHandle, String name, Instant createdAt, Optional<Instant> lastUsedAt) {
        public Stored {
            transports = List.copyOf(transports);
        }
    }

    /** Adds it; false when the credential id is already registered (to anyone). */
    boolean insert(Tx tx, Stored passkey);

    Optional<Stored> findByCredentialId(Tx tx, String credentialId);

    /** The user's passkeys, oldest first. */
    List<Stored> listOf(Tx tx, String userId);

    /** The handle the user's authenticators hold, when they have a passkey. */
    Optional<String> userHandleOf(Tx tx, String userId);

    /**
     * Records a use: the new signature counter and when. False when the stored counter is not below
     * {@code signCount} (a counter that did not move on, unless both are zero: authenticators without one).
     */
    boolean use(Tx tx, String credentialId, long signCount, Instant now);

    /** Renames one of the user's passkeys; false when the user has no passkey {@code id}. */
    boolean rename(Tx tx, String userId, String id, String name);

    /** Removes one of the user's passkeys; false when the user has no passkey {@code id}. */
    boolean delete(Tx tx, String userId, String id);
}

package dev.portcullis.externallogin;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/**
 * The external_auth_requests table: one login through the SaaS, keyed by the hash of its
 * external_auth_id, bound to the hash of the browser's binding cookie. Every step is one atomic
 * statement, so an id completes once and a redirect code logs in once.
 */
public interface ExternalAuthRepository {

    /** {@code returnTo} is sealed under the id ({@link Sealed}). */
    record Started(SecretHash id, SecretHash browser, String returnTo, Instant createdAt, Instant expiresAt) {}

    /** Where an id stands, to say why it was refused. */
    record Status(Instant expiresAt, boolean completed) {}

    /** A redeemed redirect code: whom to log in, and where to (sealed under the code). */
    record Redeemed(String userId, String returnTo) {}

    /** Saves {@code row}, first deleting logins that are over. */
    void insert(Tx tx, Started row, Instant now);

    /** Marks a live, uncompleted id completed: its sealed return_to for exactly one caller. */
    Optional<String> complete(Tx tx, SecretHash id, Instant now);

    Optional<Status> status(Tx tx, SecretHash id);

    /** After {@link #complete}: the user it logs in, and the one-time code that does it, with return_to resealed under the code. */
    void attach(Tx tx, SecretHash id, String userId, SecretHash code, Instant codeExpiresAt, String returnTo);

    /** Marks the live, unused code used, only when {@code browser} is the one the login is bound to. */
    Optional<Redeemed> redeem(Tx tx, SecretHash code, SecretHash browser, Instant now);
}

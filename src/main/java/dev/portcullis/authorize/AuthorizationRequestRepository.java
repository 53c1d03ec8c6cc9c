package dev.portcullis.authorize;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/**
 * The authorization_requests table: requests waiting for the person, keyed by the hash of their
 * handle and bound to the hash of the browser's cookie. Only this repository writes SQL on it.
 */
public interface AuthorizationRequestRepository {

    /** {@code request} is the validated request as JSON; {@code browser} is empty until a browser claims it. */
    record Stored(SecretHash handle, String appId, String request, Instant createdAt, Instant expiresAt,
               Optional<SecretHash> browser) {}

    /** Saves {@code row}, first deleting the requests that have expired. */
    void insert(Tx tx, Stored row, Instant now);

    /** The live request behind {@code handle} for {@code browser}; one saved for no browser yet becomes that browser's. */
    Optional<Stored> claim(Tx tx, SecretHash handle, SecretHash browser, Instant now);

    /** The app a live request is for, whatever browser holds it. */
    Optional<String> appOf(Tx tx, SecretHash handle, Instant now);

    /** Deletes the request: true for exactly one of several concurrent callers. */
    boolean consume(Tx tx, SecretHash handle);
}

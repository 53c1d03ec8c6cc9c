package dev.portcullis.par;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/**
 * The pushed_authorization_requests table: checked requests keyed by the hash of their
 * request_uri, so the database alone cannot replay one. Only this repository writes SQL on it.
 */
public interface PushedRequestRepository {

    /** {@code parameters}: the request's parameters as a JSON object of string arrays. */
    record Pushed(SecretHash requestUri, String appId, String parameters, Instant createdAt, Instant expiresAt) {}

    /** Saves {@code row}, first deleting the pushed requests that have expired. */
    void insert(Tx tx, Pushed row, Instant now);

    /** Deletes and answers the parameters of the live request {@code appId} pushed under {@code requestUri}: one caller wins. */
    Optional<String> redeem(Tx tx, SecretHash requestUri, String appId, Instant now);
}

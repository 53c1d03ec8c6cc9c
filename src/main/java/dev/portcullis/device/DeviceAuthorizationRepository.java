package dev.portcullis.device;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The owner of device_authorizations. Deciding and redeeming are single guarded UPDATEs, so of
 * two people deciding, or two polls redeeming, exactly one wins.
 */
public interface DeviceAuthorizationRepository {

    /** What a poll with a device_code finds (RFC 8628 §3.5). */
    sealed interface Poll {
        /** Approved and now redeemed by this poll, the only one that ever will. */
        record Redeemed(DeviceAuthorization authorization) implements Poll {}
        record Pending() implements Poll {}
        /** Polled sooner than the interval allows: the interval grew by five seconds. */
        record SlowDown() implements Poll {}
        record Denied() implements Poll {}
        record Expired() implements Poll {}
        /** Redeemed before: a device_code works once. */
        record AlreadyRedeemed() implements Poll {}
        record Unknown() implements Poll {}
    }

    /** False when the user code is taken by another live authorization (the caller mints another). */
    boolean insert(Tx tx, DeviceAuthorization authorization);

    /** A live authorization still waiting for a person, by its user code. */
    Optional<DeviceAuthorization> findPending(Tx tx, SecretHash userCodeHash, Instant now);

    /** Marks a pending, live authorization approved through {@code connectionId}; false when it was not. */
    boolean approve(Tx tx, SecretHash userCodeHash, String connectionId, Instant authTime, List<String> amr, Instant now);

    /** Marks a pending, live authorization denied; false when it was not. */
    boolean deny(Tx tx, SecretHash userCodeHash, Instant now);

    /** One poll by {@code appId}: redeems an approved authorization once, and paces the polling. */
    Poll poll(Tx tx, SecretHash deviceCodeHash, String appId, Instant now);

    /** Deletes authorizations that expired before {@code before}; how many. */
    int deleteExpired(Tx tx, Instant before);
}

package dev.portcullis.webhooks;

import dev.portcullis.events.Event;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox of deliveries and the log of their attempts; claims are leases, so a crashed instance's work comes back. */
public interface DeliveryRepository {

    void enqueue(Tx tx, Delivery delivery);

    /**
     * The outbox's write: one pending delivery of {@code event} with {@code payload} for every
     * enabled endpoint subscribed to its type (or to all) that is global or of its workspace,
     * chosen and inserted by one statement, so an event nobody subscribed to costs no read.
     * Each delivery's id names the event and the endpoint. Returns how many were queued.
     */
    int enqueueForSubscribers(Tx tx, Event event, String payload);

    /**
     * Leases up to {@code limit} due deliveries until {@code lockedUntil}, skipping those another
     * instance holds; each is then attempted once and completed by {@link #complete}.
     */
    List<Delivery> claim(Tx tx, Instant now, Instant lockedUntil, int limit);

    /**
     * Logs the attempt and moves the delivery on: delivered, due again at {@code retryAt}, or
     * failed when {@code retryAt} is empty.
     */
    void complete(Tx tx, Delivery.Attempt attempt, Optional<Instant> retryAt);

    /** Queues a delivery again now, keeping its id; false when it is unknown or being attempted right now. */
    boolean replay(Tx tx, String id, Instant now);

    Optional<Delivery> find(Tx tx, String id);

    /** An endpoint's deliveries, newest first. */
    List<Delivery> ofEndpoint(Tx tx, String endpointId, int limit);

    /** A delivery's attempts, first first. */
    List<Delivery.Attempt> attempts(Tx tx, String deliveryId);

    /** Whether any attempt to the endpoint succeeded at or after {@code since}. */
    boolean succeededSince(Tx tx, String endpointId, Instant since);
}

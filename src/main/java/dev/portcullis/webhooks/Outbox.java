package dev.portcullis.webhooks;

import dev.portcullis.events.Event;
import dev.portcullis.events.EventSink;
import dev.portcullis.storage.Tx;

/**
 * The transactional outbox: in the event's own transaction, one delivery per enabled endpoint
 * that wants it. A rolled-back change queues nothing; a committed one loses nothing to a crash,
 * since the worker reads the deliveries from the database. The endpoints are chosen by the same
 * statement that queues their deliveries; while no endpoint is enabled at all (the usual case for
 * the token endpoint's events) that statement is skipped ({@link EndpointPresence}).
 */
public final class Outbox implements EventSink {
    private final DeliveryRepository deliveries;
    private final EndpointPresence presence;

    public Outbox(DeliveryRepository deliveries, WebhookEndpointRepository endpoints) {
        this.deliveries = deliveries;
        this.presence = new EndpointPresence(endpoints, System::nanoTime);
    }

    @Override
    public void recorded(Tx tx, Event event) {
        if (presence.maybeAny(tx)) deliveries.enqueueForSubscribers(tx, event, WebhookPayload.of(event));
    }

    /** Webhooks calls it when an endpoint is created or enabled here, so its events are queued at once. */
    void endpointsChanged() {
        presence.changed();
    }
}

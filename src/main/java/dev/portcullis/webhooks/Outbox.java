package dev.portcullis.webhooks;

import dev.portcullis.events.Event;
import dev.portcullis.events.EventSink;
import dev.portcullis.storage.Tx;

/**
 * The transactional outbox: in the event's own transaction, one delivery per enabled endpoint
 * that wants it. A rolled-back change queues nothing; a committed one loses nothing to a crash,
 * since the worker reads the deliveries from the database. The endpoints are chosen by the same
 * statement that queues their deliveries, so every instance sees endpoints another one just
 * added, and an event no endpoint wants costs one statement and no read.
 */
public final class Outbox implements EventSink {
    private final DeliveryRepository deliveries;

    public Outbox(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void recorded(Tx tx, Event event) {
        deliveries.enqueueForSubscribers(tx, event, WebhookPayload.of(event));
    }
}

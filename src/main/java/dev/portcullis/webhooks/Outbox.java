package dev.portcullis.webhooks;

import dev.portcullis.events.Event;
import dev.portcullis.events.EventSink;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Tx;
import java.util.Optional;

/**
 * The transactional outbox: in the event's own transaction, one delivery per enabled endpoint
 * that wants it. A rolled-back change queues nothing; a committed one loses nothing to a crash,
 * since the worker reads the deliveries from the database.
 */
public final class Outbox implements EventSink {
    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final Ids ids;

    public Outbox(WebhookEndpointRepository endpoints, DeliveryRepository deliveries, Ids ids) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.ids = ids;
    }

    @Override
    public void recorded(Tx tx, Event event) {
        String payload = null;
        for (WebhookEndpoint endpoint : endpoints.enabledFor(tx, event.workspaceId())) {
            if (!endpoint.wants(event)) continue;
            if (payload == null) payload = WebhookPayload.of(event);
            deliveries.enqueue(tx, new Delivery("msg_" + ids.next().replace("-", ""), endpoint.id(), event.id(), event.type().wireName(),
                    payload, Delivery.Status.PENDING, 0, 0, Optional.of(event.occurredAt()), Optional.empty(), event.occurredAt()));
        }
    }
}

package dev.portcullis.events;

import dev.portcullis.storage.Tx;

/** Reacts to a recorded event inside its transaction (webhooks queue deliveries here: an outbox). */
@FunctionalInterface
public interface EventSink {
    void recorded(Tx tx, Event event);
}

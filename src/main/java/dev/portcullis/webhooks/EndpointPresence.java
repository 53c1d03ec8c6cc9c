package dev.portcullis.webhooks;

import dev.portcullis.storage.Tx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether any webhook endpoint is enabled, so that the outbox skips its statement on every event
 * (every token issued writes one) while none is. "None" is believed for {@link #FRESH} after it was
 * read: an endpoint enabled on this instance is seen at once ({@link #changed}), one enabled on
 * another instance within that second (docs/webhooks.md). "Some" is never cached, so an endpoint
 * that exists is never skipped.
 */
final class EndpointPresence {
    static final Duration FRESH = Duration.ofSeconds(1);
    private final WebhookEndpointRepository endpoints;
    private final LongSupplier nanoTime;
    private volatile long noneUntil;
    private volatile boolean known;
    /** Counts {@link #changed} calls: a "none" read that a change overtook is not believed. */
    private final AtomicLong changes = new AtomicLong();

    EndpointPresence(WebhookEndpointRepository endpoints, LongSupplier nanoTime) {
        this.endpoints = endpoints;
        this.nanoTime = nanoTime;
    }

    /** False only when no endpoint was enabled at a read less than {@link #FRESH} ago, with no change here since. */
    boolean maybeAny(Tx tx) {
        long now = nanoTime.getAsLong();
        if (known && now - noneUntil < 0) return false;
        long seen = changes.get();
        if (endpoints.anyEnabled(tx)) return true;
        synchronized (this) {
            if (changes.get() == seen) {
                noneUntil = now + FRESH.toNanos();
                known = true;
            }
        }
        return false;
    }

    /** An endpoint was created or enabled on this instance: read again on the next event. */
    void changed() {
        synchronized (this) {
            changes.incrementAndGet();
            known = false;
        }
    }
}

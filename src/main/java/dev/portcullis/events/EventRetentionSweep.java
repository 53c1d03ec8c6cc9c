package dev.portcullis.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes events older than the retention period, hourly, in batches so no transaction grows large. */
public final class EventRetentionSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRetentionSweep.class);
    private static final Duration EVERY = Duration.ofHours(1);
    private static final int BATCH = 1_000;

    private final ScheduledExecutorService executor;

    private EventRetentionSweep(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static EventRetentionSweep start(EventLog log, Duration retention) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("event-retention-sweep").factory());
        executor.scheduleWithFixedDelay(() -> sweep(log, retention), 1, EVERY.toSeconds(), TimeUnit.SECONDS);
        return new EventRetentionSweep(executor);
    }

    /** Never throws, as an exception would cancel every later run. */
    public static int sweep(EventLog log, Duration retention) {
        int total = 0;
        try {
            var cutoff = log.clock().instant().minus(retention);
            for (int removed = BATCH; removed == BATCH; total += removed) {
                removed = log.deleteOlderThan(cutoff, BATCH);
            }
        } catch (RuntimeException e) {
            LOG.warn("event retention sweep failed; retrying in {}", EVERY, e);
        }
        return total;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

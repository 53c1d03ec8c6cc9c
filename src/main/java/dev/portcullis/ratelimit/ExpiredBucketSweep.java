package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes shared buckets that are full again, so one row per token, client or address ever seen
 * does not pile up. Every instance runs one; Bucket4j's delete skips rows another holds locked.
 */
public final class ExpiredBucketSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredBucketSweep.class);
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final int BATCH = 1_000;

    private final ScheduledExecutorService executor;

    private ExpiredBucketSweep(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static ExpiredBucketSweep start(RateLimits limits) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("expired-bucket-sweep").factory());
        executor.scheduleWithFixedDelay(() -> sweep(limits), EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
        return new ExpiredBucketSweep(executor);
    }

    /** Deletes in batches until none is left; never throws, as an exception would cancel every later run. */
    static int sweep(RateLimits limits) {
        int total = 0;
        try {
            for (int removed = BATCH; removed == BATCH; total += removed) {
                removed = limits.removeExpired(BATCH);
            }
        } catch (RuntimeException e) {
            LOG.warn("expired rate-limit bucket sweep failed; retrying in {}", EVERY, e);
        }
        return total;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package dev.portcullis.ratelimit;

import dev.portcullis.config.Config;
import dev.portcullis.storage.Database;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place limiters come from, all counting in the same store ({@link Config#rateLimitStore()}):
 * this instance's memory, or PostgreSQL when several instances must share one count (docs/rate-limits.md).
 * Each limiter has its own name, so two limits never share a bucket even for the same key.
 */
public final class RateLimits {
    private final BucketStore store;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    private RateLimits(BucketStore store) {
        this.store = store;
    }

    public static RateLimits open(Config config, Database database) {
        return new RateLimits(switch (config.rateLimitStore()) {
            case LOCAL -> new LocalBuckets();
            case DATABASE -> new SharedBuckets(database.dataSource());
        });
    }

    /**
     * A throughput limit: {@code capacity} requests per second per key. Instances sharing the
     * database may settle with the shared count in small steps ({@link SharedBuckets}).
     */
    public RateLimiter perSecond(String name, int capacity) {
        return limiter(name, capacity, Duration.ofSeconds(1), BucketStore.Precision.SETTLED);
    }

    /**
     * A guard against guessing or flooding (failed logins, registrations): {@code capacity} per
     * {@code period} per key, refilled greedily (one every period / capacity), counted exactly.
     */
    public RateLimiter per(String name, int capacity, Duration period) {
        return limiter(name, capacity, period, BucketStore.Precision.EXACT);
    }

    private RateLimiter limiter(String name, int capacity, Duration period, BucketStore.Precision precision) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive");
        if (!names.add(name)) throw new IllegalStateException("a rate limiter named " + name + " exists already");
        Bandwidth limit = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
        return new RateLimiter(store.buckets(name, limit, period, precision));
    }

    /** Deletes up to {@code batch} buckets that are full again; how many went (0 in memory, where caches expire them). */
    int removeExpired(int batch) {
        return store.removeExpired(batch);
    }
}

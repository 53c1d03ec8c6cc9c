package dev.portcullis.ratelimit;

import dev.portcullis.config.Config;
import dev.portcullis.storage.Database;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place limiters come from, all counting in the same store ({@link Config#rateLimitStore()}):
 * this instance's memory, or PostgreSQL when several instances must share one count (SPEC: scale-out).
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

    /** {@code capacity} requests per second per key. */
    public RateLimiter perSecond(String name, int capacity) {
        return per(name, capacity, Duration.ofSeconds(1));
    }

    /** {@code capacity} requests per {@code period} per key, refilled greedily (one every period / capacity). */
    public RateLimiter per(String name, int capacity, Duration period) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive");
        if (!names.add(name)) throw new IllegalStateException("a rate limiter named " + name + " exists already");
        Bandwidth limit = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
        return new RateLimiter(store.buckets(name, limit, period));
    }

    /** Deletes up to {@code batch} buckets that are full again; how many went (0 in memory, where caches expire them). */
    int removeExpired(int batch) {
        return store.removeExpired(batch);
    }
}

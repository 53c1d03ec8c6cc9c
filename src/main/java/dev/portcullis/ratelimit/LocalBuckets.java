package dev.portcullis.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.function.Function;

/**
 * Buckets in this instance's memory: each instance counts alone. A bounded cache per limiter, so a
 * flood of made-up keys (emails, addresses) cannot exhaust memory.
 */
final class LocalBuckets implements BucketStore {
    private static final long MAX_KEYS = 100_000;

    @Override
    public Keyed buckets(String name, Bandwidth limit, Duration period, Precision precision) {
        // An idle bucket is full again after one period, so forgetting it then loses nothing.
        Cache<String, Bucket> cache = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(period.plusMinutes(1)).build();
        return new Keyed() {
            @Override
            public <T> T with(String key, Function<Bucket, T> use) {
                return use.apply(cache.get(key, k -> Bucket.builder().addLimit(limit).build()));
            }
        };
    }

    /** The caches forget idle buckets themselves. */
    @Override
    public int removeExpired(int batch) {
        return 0;
    }
}

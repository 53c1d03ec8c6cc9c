package dev.portcullis.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A token bucket per key (a credential id, a client id, an address), in this instance's memory:
 * {@code capacity} requests per period (a second unless given), refilled greedily. Past it: 429
 * with Retry-After. Not a Helidon filter, because the key is known only once the request is
 * authenticated. Several instances sharing PostgreSQL would use Bucket4j's PostgreSQL proxy
 * manager here instead.
 */
public final class RateLimiter {
    private static final long MAX_KEYS = 100_000;

    private final int capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(int perSecond) {
        this(perSecond, Duration.ofSeconds(1));
    }

    /** {@code capacity} requests per {@code period} (e.g. registrations per hour). */
    public RateLimiter(int capacity, Duration period) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
        this.period = period;
        // An idle bucket is full again after one period, so forgetting it then loses nothing.
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(period.plusMinutes(1)).build();
    }

    /** Takes one request from {@code key}'s bucket, or throws RateLimited with the time to wait. */
    public void acquire(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new OAuthException(new OAuthError.RateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill())));
        }
    }
}

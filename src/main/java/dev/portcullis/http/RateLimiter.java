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
 * {@code perSecond} requests a second, refilled greedily. Past it: 429 with Retry-After. Not a
 * Helidon filter, because the key is known only once the request is authenticated. Several
 * instances sharing PostgreSQL would use Bucket4j's PostgreSQL proxy manager here instead.
 */
public final class RateLimiter {
    /** An idle bucket refills within a second, so forgetting it after a minute loses nothing. */
    private static final Duration IDLE = Duration.ofMinutes(1);
    private static final long MAX_KEYS = 100_000;

    private final int perSecond;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(IDLE)
            .build();

    public RateLimiter(int perSecond) {
        if (perSecond <= 0) throw new IllegalArgumentException("perSecond must be positive");
        this.perSecond = perSecond;
    }

    /** Takes one request from {@code key}'s bucket, or throws RateLimited with the time to wait. */
    public void acquire(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new OAuthException(new OAuthError.RateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill())));
        }
    }
}

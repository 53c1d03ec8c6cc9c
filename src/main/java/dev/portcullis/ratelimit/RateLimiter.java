package dev.portcullis.ratelimit;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One limit, a token bucket per key (a credential id, a client id, an address). Not a Helidon
 * filter, because the key is known only once the request is authenticated. Built by {@link RateLimits}.
 */
public final class RateLimiter {
    private final BucketStore.Keyed buckets;

    RateLimiter(BucketStore.Keyed buckets) {
        this.buckets = buckets;
    }

    /** Takes one request from {@code key}'s bucket, or throws RateLimited (429 + Retry-After) with the time to wait. */
    public void acquire(String key) {
        ConsumptionProbe probe = buckets.with(key, b -> b.tryConsumeAndReturnRemaining(1));
        if (!probe.isConsumed()) {
            throw new OAuthException(new Failure.RateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill())));
        }
    }

    /** Takes one token when one is left, refusing nothing: for counting failures (login attempts). */
    public void spend(String key) {
        buckets.with(key, b -> b.tryConsume(1));
    }

    /** How long until {@code key}'s bucket holds a token again; empty when it holds one now. Takes nothing. */
    public Optional<Duration> waitFor(String key) {
        EstimationProbe probe = buckets.with(key, b -> b.estimateAbilityToConsume(1));
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }
}

package dev.portcullis.web.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows password guessing (OWASP Authentication Cheat Sheet): each failed login takes a token
 * from the account's bucket and from the client address's bucket (3x larger, as one address may
 * hold many honest users). With either bucket empty, logins wait. In memory per instance; the
 * buckets live in bounded caches so a flood of made-up emails cannot exhaust memory.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final int perAccount;
    private final int perAddress;
    private final Cache<String, Bucket> accounts = cache();
    private final Cache<String, Bucket> addresses = cache();

    LoginThrottle(int attemptsPerMinute) {
        this.perAccount = attemptsPerMinute;
        this.perAddress = attemptsPerMinute * 3;
    }

    /** How long to wait before another attempt, when one of the two buckets is empty. */
    Optional<Duration> blocked(String email, String address) {
        long wait = Math.max(waitNanos(accounts.getIfPresent(key(email))), waitNanos(addresses.getIfPresent(address)));
        return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
    }

    void failed(String email, String address) {
        accounts.get(key(email), k -> bucket(perAccount)).tryConsume(1);
        addresses.get(address, k -> bucket(perAddress)).tryConsume(1);
    }

    private static long waitNanos(Bucket bucket) {
        if (bucket == null) return 0;
        var probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private static Bucket bucket(int capacity) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, WINDOW).build())
                .build();
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Cache<String, Bucket> cache() {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(WINDOW.multipliedBy(2)).build();
    }
}

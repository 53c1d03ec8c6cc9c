package dev.portcullis.web.login;

import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RateLimits;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Slows password guessing (OWASP Authentication Cheat Sheet): each failed login takes a token
 * from the account's bucket and from the client address's bucket (3x larger, as one address may
 * hold many honest users). With either bucket empty, logins wait. Counted where every rate limit
 * is ({@link RateLimits}), so several instances share one count.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final RateLimiter accounts;
    private final RateLimiter addresses;

    LoginThrottle(RateLimits limits, int attemptsPerMinute) {
        this.accounts = limits.per("login-account", attemptsPerMinute, WINDOW);
        this.addresses = limits.per("login-address", attemptsPerMinute * 3, WINDOW);
    }

    /** How long to wait before another attempt, when one of the two buckets is empty. */
    Optional<Duration> blocked(String email, String address) {
        return Stream.of(accounts.waitFor(key(email)), addresses.waitFor(address))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    void failed(String email, String address) {
        accounts.spend(key(email));
        addresses.spend(address);
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

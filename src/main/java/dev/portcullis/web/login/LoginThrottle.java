package dev.portcullis.web.login;

import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RateLimits;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Slows password guessing without letting one address lock the owner out (OWASP Authentication
 * Cheat Sheet). Only failures count. An address gets {@code N} failures a minute on one account
 * and {@code 3N} across accounts (one address may hold many honest users); past either it waits,
 * even with the right password. When an account has had {@code N} failures in a minute from all
 * addresses together, only addresses that have not failed on it in the last minute may try, so
 * its owner on another address still gets in, and each further guessing address gets about one try
 * a minute. Counted where every rate limit is ({@link RateLimits}), so instances share one count.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final RateLimiter pairs;
    private final RateLimiter addresses;
    private final RateLimiter accounts;
    private final RateLimiter recentFailures;
    private final RateLimiter lockNotices;

    LoginThrottle(RateLimits limits, int attemptsPerMinute) {
        this.pairs = limits.per("login-pair", attemptsPerMinute, WINDOW);
        this.addresses = limits.per("login-address", attemptsPerMinute * 3, WINDOW);
        this.accounts = limits.per("login-account", attemptsPerMinute, WINDOW);
        this.recentFailures = limits.per("login-pair-recent", 1, WINDOW);
        this.lockNotices = limits.per("login-locked-notice", 1, WINDOW);
    }

    /**
     * Whether this refusal is the first for this account and address in a minute (the length of a
     * lock): login.locked is recorded once per lock, not for every refused request.
     */
    boolean firstRefusal(String email, String address) {
        String pair = pair(email, address);
        if (lockNotices.waitFor(pair).isPresent()) return false;
        lockNotices.spend(pair);
        return true;
    }

    /** How long to wait before another attempt from this address on this account; empty: try now. */
    Optional<Duration> blocked(String email, String address) {
        String pair = pair(email, address);
        Optional<Duration> wait = Stream.of(pairs.waitFor(pair), addresses.waitFor(address))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (wait.isPresent() || accounts.waitFor(key(email)).isEmpty()) return wait;
        return recentFailures.waitFor(pair);
    }

    /** A wait in whole seconds, rounded up, so someone who waits that long is let in. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    void failed(String email, String address) {
        String pair = pair(email, address);
        pairs.spend(pair);
        addresses.spend(address);
        accounts.spend(key(email));
        recentFailures.spend(pair);
    }

    /** An address never contains a space, so no two pairs share a key. */
    private static String pair(String email, String address) {
        return address + " " + key(email);
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

package dev.portcullis.device;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RateLimits;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * RFC 8628 §5.1: user codes are short, so guessing them is limited. Only wrong codes count, per
 * client address and per account (a guesser must sign in, and one account cannot use many
 * addresses to go faster); past either, even the right code waits.
 */
final class UserCodeThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final RateLimiter addresses;
    private final RateLimiter accounts;

    UserCodeThrottle(RateLimits limits, int attemptsPerMinute) {
        this.addresses = limits.per("device-code-address", attemptsPerMinute, WINDOW);
        this.accounts = limits.per("device-code-account", attemptsPerMinute, WINDOW);
    }

    /** Throws RateLimited (429 with Retry-After) while this address or account must wait. */
    void check(String address, String userId) {
        Optional<Duration> wait = Stream.of(addresses.waitFor(address), accounts.waitFor(userId))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (wait.isPresent()) throw new OAuthException(new Failure.RateLimited(wait.get()), "user code attempts exhausted");
    }

    void failed(String address, String userId) {
        addresses.spend(address);
        accounts.spend(userId);
    }
}

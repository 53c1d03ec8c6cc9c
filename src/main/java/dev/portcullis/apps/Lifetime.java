package dev.portcullis.apps;

import java.time.Duration;
import java.util.Optional;

/**
 * An app's access-token lifetime: the configured default, a fixed duration, or never expiring
 * (the documented Attio behaviour, confidential apps only). Stored as NULL, seconds, or 0.
 */
public sealed interface Lifetime {
    record Default() implements Lifetime {}
    record Never() implements Lifetime {}
    record Fixed(Duration duration) implements Lifetime {}

    static Lifetime fromColumn(Optional<Long> seconds) {
        return seconds.<Lifetime>map(s -> s == 0 ? new Never() : new Fixed(Duration.ofSeconds(s))).orElse(new Default());
    }

    default Long toColumn() {
        return switch (this) {
            case Default d -> null;
            case Never n -> 0L;
            case Fixed f -> f.duration().toSeconds();
        };
    }

    /** The lifetime to apply, empty meaning the token never expires. */
    default Optional<Duration> resolve(Duration configuredDefault) {
        return switch (this) {
            case Default d -> Optional.of(configuredDefault);
            case Never n -> Optional.empty();
            case Fixed f -> Optional.of(f.duration());
        };
    }
}

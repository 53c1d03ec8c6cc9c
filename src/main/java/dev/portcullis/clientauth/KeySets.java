package dev.portcullis.clientauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A client's current public keys: the inline set, or its {@code jwks_uri} fetched and kept for a
 * few minutes (a failure for less), and fetched again when an assertion names a key the kept
 * set lacks (the client rotated), at most every {@link #MIN_REFETCH} per URL.
 */
final class KeySets {
    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    /** A fetch's outcome: the keys, or why there are none. */
    record Fetched(Optional<JWKSet> keys, String failure, Instant at) {}

    private final KeySetFetcher fetcher;
    private final Clock clock;
    private final Cache<String, Fetched> remote;

    KeySets(KeySetFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.remote = Caffeine.newBuilder()
                .maximumSize(10_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.creating((String uri, Fetched f) -> f.keys().isPresent() ? TTL : FAILURE_TTL))
                .build();
    }

    /** The keys now known for {@code keys}: inline, or as last fetched. */
    Fetched current(ClientKeys keys) {
        if (keys.jwks().isPresent()) return new Fetched(Optional.of(keys.keySet()), "", clock.instant());
        return keys.jwksUri().map(uri -> remote.get(uri, this::fetch))
                .orElseGet(() -> new Fetched(Optional.empty(), "the client has no keys", clock.instant()));
    }

    /** A fresh fetch of a jwks_uri unless the kept one is younger than {@link #MIN_REFETCH}; empty for inline keys. */
    Optional<Fetched> refetched(ClientKeys keys, Fetched kept) {
        if (keys.jwksUri().isEmpty() || kept.at().plus(MIN_REFETCH).isAfter(clock.instant())) return Optional.empty();
        String uri = keys.jwksUri().get();
        Fetched fresh = fetch(uri);
        remote.put(uri, fresh);
        return Optional.of(fresh);
    }

    private Fetched fetch(String uri) {
        String body;
        try {
            body = new String(fetcher.fetch(URI.create(uri)), StandardCharsets.UTF_8);
        } catch (KeySetFetcher.Failure e) {
            return new Fetched(Optional.empty(), "jwks_uri " + uri + ": " + e.getMessage(), clock.instant());
        }
        try {
            return new Fetched(Optional.of(JWKSet.parse(body)), "", clock.instant());
        } catch (ParseException | RuntimeException e) {  // Nimbus throws NullPointerException for {"keys": [null]}
            return new Fetched(Optional.empty(), "jwks_uri " + uri + " is not a JWK Set", clock.instant());
        }
    }
}

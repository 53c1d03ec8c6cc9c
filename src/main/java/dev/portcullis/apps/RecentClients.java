package dev.portcullis.apps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.secrets.SecretHash;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Client authentication runs on every token and introspection request; a profile of those showed
 * its two database reads (the app, then the secret) costing more than the rest of introspection.
 * Found apps and secrets that verified are remembered for at most one second, the same bound as
 * the credential cache: a change made here is seen at once (evicted), one made on another
 * instance within the second. Misses and wrong secrets are never remembered.
 */
final class RecentClients {
    static final Duration TTL = Duration.ofSeconds(1);
    private final Cache<String, App> apps = cache();
    private final Cache<String, Boolean> verified = cache();

    Optional<App> app(String clientId, Supplier<Optional<App>> load) {
        App cached = apps.getIfPresent(clientId);
        if (cached != null) return Optional.of(cached);
        Optional<App> found = load.get();
        found.ifPresent(app -> apps.put(clientId, app));
        return found;
    }

    boolean secretValid(String clientId, SecretHash hash, Supplier<Boolean> verify) {
        String key = clientId + ' ' + hash.hex();
        if (verified.getIfPresent(key) != null) return true;
        boolean valid = verify.get();
        if (valid) verified.put(key, true);
        return valid;
    }

    void evictAll() {
        apps.invalidateAll();
        verified.invalidateAll();
    }

    private static <V> Cache<String, V> cache() {
        return Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
    }
}

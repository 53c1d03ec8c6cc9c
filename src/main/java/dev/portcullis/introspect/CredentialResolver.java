package dev.portcullis.introspect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.config.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one place a presented string becomes an active credential (docs/credential-resolution.md).
 * Malformed values and bad checksums are refused without touching the database; otherwise the
 * hash is looked up by kind. Active results are cached for at most {@link #CACHE_TTL}, so a
 * change made on another instance is seen within one second; {@link #evict} makes a change
 * made on this instance take effect at once.
 */
public final class CredentialResolver implements AutoCloseable {
    /** The longest a revoked or edited credential can still be honoured by another instance. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(1);
    static final Duration FLUSH_EVERY = Duration.ofSeconds(5);
    static final long CACHE_SIZE = 10_000;

    private final Database database;
    private final Clock clock;
    private final ApiKeyCredentials apiKeys;
    private final LastUsedBatch apiKeysUsed;
    private final Cache<SecretHash, Credential> active = Caffeine.newBuilder()
            .maximumSize(CACHE_SIZE)
            .expireAfterWrite(CACHE_TTL)
            .build();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("portcullis-last-used").unstarted(r));

    public CredentialResolver(Database database, ScopeCatalog scopes, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.apiKeys = new ApiKeyCredentials(scopes);
        this.apiKeysUsed = new LastUsedBatch(database, clock, "api_keys");
        long every = FLUSH_EVERY.toMillis();
        flusher.scheduleWithFixedDelay(this::flushLastUsed, every, every, TimeUnit.MILLISECONDS);
    }

    /** The active credential {@code presented} stands for; empty when malformed, unknown, revoked or expired. */
    public Optional<Credential> resolve(String presented) {
        Optional<Token> token = Token.parse(presented);
        if (token.isEmpty()) return Optional.empty();
        TokenKind kind = token.get().kind();
        // Caffeine computes under the key's lock, so an evict() racing this load waits and then wins.
        Credential found = active.get(token.get().hash(), hash -> lookup(kind, hash).orElse(null));
        if (found == null || !found.isActiveAt(clock.instant())) return Optional.empty();
        recordUse(found);
        return Optional.of(found);
    }

    /** Forgets one cached credential: call after revoking it or editing its scopes. */
    public void evict(SecretHash hash) {
        active.invalidate(hash);
    }

    /** Forgets every cached credential: call after a change touching many (a workspace deleted). */
    public void evictAll() {
        active.invalidateAll();
    }

    /** Writes collected last-used times now (also runs every few seconds and on close). */
    public void flushLastUsed() {
        apiKeysUsed.flush();
    }

    private Optional<? extends Credential> lookup(TokenKind kind, SecretHash hash) {
        return switch (kind) {
            case API_KEY -> database.read(tx -> apiKeys.find(tx, hash));
            // OAuth access and refresh tokens are resolved here once the token package stores them.
            case ACCESS_TOKEN, REFRESH_TOKEN -> Optional.empty();
            // Never a bearer credential for an API, whatever the database holds.
            case AUTHORIZATION_CODE, CLIENT_SECRET, REGISTRATION_TOKEN, SESSION, OPERATOR_TOKEN, AUTHORIZATION_REQUEST -> Optional.empty();
        };
    }

    private void recordUse(Credential credential) {
        switch (credential) {
            case ApiKeyCredential key -> apiKeysUsed.add(key.id());
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushLastUsed();
    }
}

package dev.portcullis.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one place a presented string becomes an active credential (docs/credential-resolution.md).
 * Malformed values, bad checksums and JWTs that fail verification are refused without touching
 * the database; otherwise the stored row is looked up by hash. Active results are cached for at
 * most {@link #CACHE_TTL}, so a change made on another instance is seen within one second;
 * every writer on this instance calls it as the {@link CredentialInvalidation}, so its change takes
 * effect at once.
 */
public final class CredentialResolver implements CredentialInvalidation, AutoCloseable {
    /** The longest a revoked or edited credential can still be honoured by another instance. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(1);
    static final Duration FLUSH_EVERY = Duration.ofSeconds(5);
    static final long CACHE_SIZE = 10_000;

    /** Where a presented token is stored: its kind and the hash keying its row (a JWT's: of its jti). */
    public record StoredToken(TokenKind kind, SecretHash hash, boolean jwt) {}

    private final Database database;
    private final ScopeCatalog scopes;
    private final Clock clock;
    private final ApiKeyCredentials apiKeys;
    private final OAuthTokenCredentials oauthTokens;
    private final JwtAccessTokens jwts;
    private final LastUsedBatch apiKeysUsed;
    private final Cache<SecretHash, Credential> active = Caffeine.newBuilder()
            .maximumSize(CACHE_SIZE)
            .expireAfterWrite(CACHE_TTL)
            .build();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("portcullis-last-used").unstarted(r));

    /** {@code apiKeys} and {@code oauthTokens}: the read side of the tables' owning repositories. */
    public CredentialResolver(Database database, ScopeCatalog scopes, KeyRing keys, URI issuer, Clock clock,
                              ApiKeyCredentials apiKeys, OAuthTokenCredentials oauthTokens) {
        this.database = database;
        this.scopes = scopes;
        this.clock = clock;
        this.apiKeys = apiKeys;
        this.oauthTokens = oauthTokens;
        this.jwts = new JwtAccessTokens(keys, issuer, clock);
        this.apiKeysUsed = new LastUsedBatch(database, clock, apiKeys);
        long every = FLUSH_EVERY.toMillis();
        flusher.scheduleWithFixedDelay(this::flushLastUsed, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The active bearer credential {@code presented} stands for: an API key or an access token.
     * Empty when malformed, unknown, revoked, expired, or of a kind that is no bearer credential
     * (a refresh token among them).
     */
    public Optional<Credential> resolve(String presented) {
        return identify(presented)
                .filter(t -> t.kind() == TokenKind.API_KEY || t.kind() == TokenKind.ACCESS_TOKEN)
                .flatMap(this::cached);
    }

    /**
     * As {@link #resolve}, and refresh tokens too, for introspection by their own client (RFC
     * 7662). Refresh tokens are read afresh each time, never cached: they are rotated on every use.
     */
    public Optional<Credential> resolveForIntrospection(String presented) {
        Optional<StoredToken> token = identify(presented);
        if (token.isEmpty()) return Optional.empty();
        if (token.get().kind() != TokenKind.REFRESH_TOKEN) return resolve(presented);
        return database.read(tx -> oauthTokens.findRefreshCredential(tx, token.get().hash(), scopes))
                .filter(c -> c.isActiveAt(clock.instant()))
                .map(Credential.class::cast);
    }

    /**
     * Which row a presented token would be stored under, without reading it: parse and checksum
     * for prefixed tokens, verification (signature, iss, exp) for JWT access tokens.
     */
    public Optional<StoredToken> identify(String presented) {
        Optional<Token> token = Token.parse(presented);
        if (token.isPresent()) return Optional.of(new StoredToken(token.get().kind(), token.get().hash(), false));
        return jwts.jti(presented).map(jti -> new StoredToken(TokenKind.ACCESS_TOKEN, SecretHash.of(jti), true));
    }

    /** Forgets every cached credential. */
    @Override
    public void changed() {
        active.invalidateAll();
    }

    /** Forgets the cached credentials of these row hashes. */
    @Override
    public void revoked(Collection<SecretHash> hashes) {
        active.invalidateAll(hashes);
    }

    /** Writes collected last-used times now (also runs every few seconds and on close). */
    public void flushLastUsed() {
        apiKeysUsed.flush();
    }

    private Optional<Credential> cached(StoredToken token) {
        // Caffeine computes under the key's lock, so an invalidation racing this load waits and then wins.
        Credential found = active.get(token.hash(), hash -> lookup(token).orElse(null));
        if (found == null || !found.isActiveAt(clock.instant())) return Optional.empty();
        recordUse(found);
        return Optional.of(found);
    }

    private Optional<? extends Credential> lookup(StoredToken token) {
        SecretHash hash = token.hash();
        return switch (token.kind()) {
            case API_KEY -> database.read(tx -> apiKeys.findCredential(tx, hash, scopes));
            case ACCESS_TOKEN -> database.read(tx -> oauthTokens.findAccessCredential(tx, hash, token.jwt(), scopes));
            // Never cached nor a bearer credential: see resolveForIntrospection.
            case REFRESH_TOKEN -> Optional.empty();
            // Never a bearer credential for an API, whatever the database holds.
            case AUTHORIZATION_CODE, CLIENT_SECRET, REGISTRATION_TOKEN, SESSION, OPERATOR_TOKEN, AUTHORIZATION_REQUEST,
                 EXTERNAL_AUTH, EXTERNAL_LOGIN_CODE, DEVICE_CODE, EMAIL_VERIFICATION, PASSWORD_RESET -> Optional.empty();
        };
    }

    private void recordUse(Credential credential) {
        switch (credential) {
            case ApiKeyCredential key -> apiKeysUsed.add(key.id());
            // access_tokens has no last-used column: a token's life is too short for one to matter.
            case AccessTokenCredential token -> { }
            case RefreshTokenCredential token -> { }
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

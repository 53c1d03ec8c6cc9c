package dev.portcullis.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.config.Config;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The signing keys every instance shares: one current key per algorithm signs, every published
 * key verifies. Keys are cached and reread from the database once a second (the bound within which
 * revocation reaches every instance too) and whenever a token names an unknown kid, so a rotation
 * by another instance or by {@code portcullis admin keys rotate} is signed with and published
 * within about a second. A reread costs one small query; keys already opened are not decrypted again.
 *
 * <p>A retired key stays published for {@link #overlap()}: the default access-token lifetime plus a
 * day, so every token it signed expires first (ID tokens live no longer than access tokens) and
 * JWKS caches (max-age 300 s) and instances still signing with it for a moment are covered.
 */
public final class KeyRing {
    static final Duration RELOAD_EVERY = Duration.ofSeconds(1);

    private final SigningKeyRepository repository;
    private final MasterKey masterKey;
    private final Clock clock;
    private final SigningAlgorithm defaultAlgorithm;
    private final Duration rotationPeriod;
    private final Duration overlap;
    private final EventLog events;
    private volatile Snapshot snapshot;
    private final AtomicBoolean reloading = new AtomicBoolean();

    /** The keys in memory at one moment: by kid, the current one per algorithm, and the public set. */
    private record Snapshot(Map<String, SigningKey> byKid, Map<SigningAlgorithm, SigningKey> current, JWKSet jwks,
                            Instant loadedAt) {}

    private KeyRing(SigningKeyRepository repository, MasterKey masterKey, Clock clock, Config.Keys keys, Duration overlap,
                    EventLog events) {
        this.repository = repository;
        this.masterKey = masterKey;
        this.clock = clock;
        this.defaultAlgorithm = SigningAlgorithm.named(keys.algorithm()).orElseThrow();
        this.rotationPeriod = keys.rotation();
        this.overlap = overlap;
        this.events = events;
    }

    /**
     * Loads the master key and every published key (a ConfigException when the master key is
     * malformed or cannot decrypt them), and creates the missing current key of each algorithm.
     * Rotations are recorded in {@code events} (signing_key.rotated), in the rotation's transaction.
     */
    public static KeyRing open(Database db, Config config, Clock clock, SecureRandom random, EventLog events) {
        MasterKey masterKey = MasterKey.load(config.keys(), config.storage().dataDir(), random);
        Duration overlap = config.tokens().accessTtl().plus(Duration.ofDays(1));
        KeyRing ring = new KeyRing(new SqlSigningKeyRepository(db), masterKey, clock, config.keys(), overlap, events);
        Instant now = ring.now();
        Snapshot loaded = ring.reload(now);
        // On first start every algorithm gets its key; a concurrent instance's key, if it won, is as good.
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            if (!loaded.current().containsKey(alg)) ring.repository.addFirst(ring.newKey(alg, now));
        }
        if (loaded.current().size() < SigningAlgorithm.values().length) ring.reload(now);
        return ring;
    }

    /** Encrypts a secret Portcullis must use again later (an upstream client secret) with the master key, bound to {@code label}. */
    public String sealSecret(String label, String secret) {
        return masterKey.sealText(label, secret);
    }

    /** The secret sealed for {@code label}; empty when the master key or the label differ from when it was sealed. */
    public Optional<String> openSecret(String label, String sealed) {
        return masterKey.openText(label, sealed);
    }

    /**
     * An HMAC-SHA256 key derived from the master key for one purpose ({@code label}): the same on
     * every instance that shares the master key, so what one instance MACs (a DPoP nonce) another accepts.
     */
    public javax.crypto.SecretKey derivedKey(String label) {
        return masterKey.derive(label);
    }

    /** The algorithm of {@code PORTCULLIS_SIGNING_ALG}, for tokens whose app chose none. */
    public SigningAlgorithm defaultAlgorithm() {
        return defaultAlgorithm;
    }

    /** How long a retired key stays published; a signed token must not outlive it. */
    public Duration overlap() {
        return overlap;
    }

    /** Compact JWS of {@code claims} by the current key of {@code alg}, its kid and {@code typ} in the header. */
    public String sign(JWTClaimsSet claims, SigningAlgorithm alg, JOSEObjectType typ) {
        SigningKey key = fresh().current().get(alg);
        if (key == null) throw new IllegalStateException("no current " + alg + " signing key");
        return key.sign(claims, typ);
    }

    /** As {@link #sign(JWTClaimsSet, SigningAlgorithm, JOSEObjectType)} with the default algorithm. */
    public String sign(JWTClaimsSet claims, JOSEObjectType typ) {
        return sign(claims, defaultAlgorithm, typ);
    }

    /**
     * The claims of a JWT signed by one of our published keys with that key's own algorithm; empty
     * for anything else (unparseable, unsigned, HMAC, unknown kid, bad signature). Claims such as
     * exp, iss and aud are the caller's to check.
     */
    public Optional<JWTClaimsSet> verify(String jwt) {
        try {
            SignedJWT parsed = SignedJWT.parse(jwt);
            if (SigningAlgorithm.of(parsed.getHeader().getAlgorithm()).isEmpty()) return Optional.empty();
            String kid = parsed.getHeader().getKeyID();
            if (kid == null) return Optional.empty();
            SigningKey key = fresh().byKid().get(kid);
            if (key == null) key = reloadFor(kid);
            if (key == null || !key.verifies(parsed)) return Optional.empty();
            return Optional.of(parsed.getJWTClaimsSet());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** As {@link #verify(String)}, and the header {@code typ} must be {@code typ} (RFC 9068 §4: at+jwt). */
    public Optional<JWTClaimsSet> verify(String jwt, JOSEObjectType typ) {
        try {
            if (!typ.equals(SignedJWT.parse(jwt).getHeader().getType())) return Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
        return verify(jwt);
    }

    /** The public keys: every current key and every retired one still published. No private member. */
    public JWKSet jwks() {
        return fresh().jwks();
    }

    /** The published keys, oldest first, for operators. */
    public List<SigningKeyInfo> keys() {
        return fresh().byKid().values().stream().map(k -> SigningKeyInfo.of(k.stored())).toList();
    }

    /**
     * A new current key for {@code alg}; the previous one stays published for {@link #overlap()}.
     * {@code actor}: the operator (/manage/v1) or the system (the command line).
     */
    public SigningKeyInfo rotate(SigningAlgorithm alg, Instant now, Actor actor) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        StoredKey next = newKey(alg, at);
        // false only when another instance rotated in the same instant: its new key is just as good.
        repository.rotate(next, at, at.plus(overlap), Optional.empty(), rotated(next, actor, false));
        return SigningKeyInfo.of(reload(at).current().get(alg).stored());
    }

    /** {@link #rotate} for every algorithm. */
    public List<SigningKeyInfo> rotateAll(Instant now, Actor actor) {
        return List.of(SigningAlgorithm.values()).stream().map(alg -> rotate(alg, now, actor)).toList();
    }

    /** signing_key.rotated about the new key, with the kid it replaced (from this instance's view). */
    private Consumer<Tx> rotated(StoredKey next, Actor actor, boolean scheduled) {
        SigningKey previous = snapshot.current().get(next.alg());
        EventDraft draft = EventDraft.of(EventType.SIGNING_KEY_ROTATED, actor).about("signing_key", next.kid())
                .with("alg", next.alg().name()).with("scheduled", scheduled)
                .with("previous_kid", previous == null ? null : previous.stored().kid());
        return tx -> events.record(tx, draft);
    }

    /** Rotates each algorithm whose current key is older than the rotation period (the system acts); the new keys. */
    public List<SigningKeyInfo> rotateDue(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Instant dueIfCreatedBefore = at.minus(rotationPeriod);
        List<SigningAlgorithm> rotated = new ArrayList<>();
        for (SigningKey key : reload(at).current().values()) {
            if (key.stored().createdAt().isAfter(dueIfCreatedBefore)) continue;
            SigningAlgorithm alg = key.stored().alg();
            StoredKey next = newKey(alg, at);
            if (repository.rotate(next, at, at.plus(overlap), Optional.of(dueIfCreatedBefore), rotated(next, Actor.system(), true))) {
                rotated.add(alg);
            }
        }
        Snapshot after = reload(at);
        return rotated.stream().map(alg -> SigningKeyInfo.of(after.current().get(alg).stored())).toList();
    }

    /** Rereads the published keys; known kids keep their opened key, new ones are decrypted. */
    synchronized Snapshot reload(Instant now) {
        Snapshot old = snapshot;
        Map<String, SigningKey> byKid = new LinkedHashMap<>();
        Map<SigningAlgorithm, SigningKey> current = new EnumMap<>(SigningAlgorithm.class);
        for (StoredKey row : repository.published(now)) {
            SigningKey known = old == null ? null : old.byKid().get(row.kid());
            SigningKey key = known != null ? known.withStored(row) : SigningKey.open(row, masterKey);
            byKid.put(row.kid(), key);
            if (row.isCurrent()) current.put(row.alg(), key);
        }
        JWKSet jwks = new JWKSet(byKid.values().stream().map(SigningKey::publicJwk).toList());
        Snapshot loaded = new Snapshot(Collections.unmodifiableMap(byKid), Collections.unmodifiableMap(current), jwks, now);
        snapshot = loaded;
        return loaded;
    }

    /**
     * The cached keys, reread once a second. One caller of a stale cache rereads; the others go on
     * with the keys of a moment ago instead of queueing behind the query.
     */
    private Snapshot fresh() {
        Instant now = now();
        Snapshot s = snapshot;
        if (now.isBefore(s.loadedAt().plus(RELOAD_EVERY)) || !reloading.compareAndSet(false, true)) return s;
        try {
            return reload(now);
        } finally {
            reloading.set(false);
        }
    }

    /**
     * Another instance may have rotated since we loaded: one look at the database, as an opaque
     * token costs, unless a concurrent caller's reload already brought the kid in.
     */
    private synchronized SigningKey reloadFor(String kid) {
        SigningKey key = snapshot.byKid().get(kid);
        return key != null ? key : reload(now()).byKid().get(kid);
    }

    private StoredKey newKey(SigningAlgorithm alg, Instant now) {
        var jwk = alg.generate();
        return new StoredKey(jwk.getKeyID(), alg, jwk.toPublicJWK().toJSONString(), masterKey.seal(jwk), now,
                Optional.empty(), Optional.empty());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

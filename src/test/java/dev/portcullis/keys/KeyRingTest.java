package dev.portcullis.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.config.Config;
import dev.portcullis.storage.Database;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyRingTest extends KeyRingFixture {
    static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().issuer("https://issuer.example").subject("user-1")
                .expirationTime(Date.from(T0.plus(Duration.ofHours(1)))).build();
    }

    static Set<String> kids(KeyRing ring) {
        return ring.keys().stream().map(SigningKeyInfo::kid).collect(Collectors.toSet());
    }

    static String kidOf(String jwt) throws ParseException {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void openCreatesOneCurrentKeyPerAlgorithmAndReopenReusesThem(Db kind) {
        Config config = Keys.config(TestDatabases.fresh(kind));
        db = Database.open(config.storage());
        KeyRing first = Keys.open(db, config, clock);
        List<SigningKeyInfo> keys = first.keys();
        assertEquals(SigningAlgorithm.values().length, keys.size());
        assertEquals(Set.of(SigningAlgorithm.values()), keys.stream().filter(SigningKeyInfo::current)
                .map(SigningKeyInfo::alg).collect(Collectors.toSet()));
        db.close();

        db = Database.open(config.storage());
        KeyRing second = Keys.open(db, config, clock);
        assertEquals(kids(first), kids(second));
        long stored = db.read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys"));
        assertEquals((long) SigningAlgorithm.values().length, stored);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signThenVerifyRoundTripsForEveryAlgorithm(Db kind) throws ParseException {
        KeyRing ring = ring(kind);
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            String jwt = ring.sign(claims(), alg, JOSEObjectType.JWT);
            SignedJWT parsed = SignedJWT.parse(jwt);
            assertEquals(alg.jws(), parsed.getHeader().getAlgorithm());
            assertEquals(JOSEObjectType.JWT, parsed.getHeader().getType());
            assertTrue(kids(ring).contains(parsed.getHeader().getKeyID()));
            assertEquals("user-1", ring.verify(jwt).orElseThrow().getSubject(), alg + " round trip");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signWithoutAlgorithmUsesTheConfiguredDefault(Db kind) throws ParseException {
        Config config = Keys.config(TestDatabases.fresh(kind), "PORTCULLIS_SIGNING_ALG", "EdDSA");
        db = Database.open(config.storage());
        KeyRing ring = Keys.open(db, config, clock);
        assertEquals(SigningAlgorithm.EdDSA, ring.defaultAlgorithm());
        String jwt = ring.sign(claims(), new JOSEObjectType("at+jwt"));
        assertEquals(JWSAlgorithm.EdDSA, SignedJWT.parse(jwt).getHeader().getAlgorithm());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWithTypeAcceptsOnlyThatType(Db kind) {
        KeyRing ring = ring(kind);
        JOSEObjectType accessToken = new JOSEObjectType("at+jwt");
        String idToken = ring.sign(claims(), SigningAlgorithm.RS256, JOSEObjectType.JWT);
        String jwtAccessToken = ring.sign(claims(), SigningAlgorithm.RS256, accessToken);
        assertTrue(ring.verify(jwtAccessToken, accessToken).isPresent());
        assertTrue(ring.verify(idToken, accessToken).isEmpty(), "an ID token is not an access token (RFC 9068 §4)");
        assertTrue(ring.verify(idToken, JOSEObjectType.JWT).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void rotateKeepsOldTokensValidSignsWithTheNewKidAndPublishesBoth(Db kind) throws ParseException {
        KeyRing ring = ring(kind);
        String before = ring.sign(claims(), SigningAlgorithm.RS256, JOSEObjectType.JWT);
        String oldKid = kidOf(before);

        SigningKeyInfo rotated = ring.rotate(SigningAlgorithm.RS256, clock.instant(), dev.portcullis.events.Actor.system());
        assertNotEquals(oldKid, rotated.kid());
        assertTrue(rotated.current());
        String after = ring.sign(claims(), SigningAlgorithm.RS256, JOSEObjectType.JWT);
        assertEquals(rotated.kid(), kidOf(after));
        assertTrue(ring.verify(before).isPresent(), "a token signed before rotation still verifies");
        assertTrue(ring.verify(after).isPresent());
        assertTrue(ring.jwks().getKeyByKeyId(oldKid) != null && ring.jwks().getKeyByKeyId(rotated.kid()) != null);
        SigningKeyInfo old = ring.keys().stream().filter(k -> k.kid().equals(oldKid)).findFirst().orElseThrow();
        assertEquals(clock.instant().plus(ring.overlap()), old.publishedUntil().orElseThrow());

        clock.advance(ring.overlap().plusMinutes(1));
        assertEquals(null, ring.jwks().getKeyByKeyId(oldKid), "unpublished once its tokens have expired");
        assertTrue(ring.verify(before).isEmpty());
        assertTrue(ring.verify(after).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void overlapIsTheAccessTokenLifetimePlusOneDay(Db kind) {
        assertEquals(Duration.ofHours(1).plusDays(1), ring(kind).overlap());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void rotateDueRotatesOnlyKeysOlderThanTheRotationPeriodAndOnlyOnce(Db kind) {
        KeyRing ring = ring(kind);
        Set<String> original = kids(ring);
        clock.advance(Duration.ofDays(89));
        assertEquals(List.of(), ring.rotateDue(clock.instant()));

        clock.advance(Duration.ofDays(2));
        List<SigningKeyInfo> rotated = ring.rotateDue(clock.instant());
        assertEquals(Set.of(SigningAlgorithm.values()), rotated.stream().map(SigningKeyInfo::alg).collect(Collectors.toSet()));
        rotated.forEach(k -> assertTrue(!original.contains(k.kid()) && k.current()));
        assertEquals(List.of(), ring.rotateDue(clock.instant()), "a fresh key is not due");
        assertEquals(2 * SigningAlgorithm.values().length, ring.keys().size());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void rotateAllGivesEveryAlgorithmANewCurrentKey(Db kind) {
        KeyRing ring = ring(kind);
        Set<String> before = kids(ring);
        List<SigningKeyInfo> rotated = ring.rotateAll(clock.instant(), dev.portcullis.events.Actor.system());
        assertEquals(SigningAlgorithm.values().length, rotated.size());
        rotated.forEach(k -> assertTrue(!before.contains(k.kid())));
        assertEquals((long) SigningAlgorithm.values().length, ring.keys().stream().filter(SigningKeyInfo::current).count());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void jwksNeverHoldsPrivateMembers(Db kind) {
        KeyRing ring = ring(kind);
        ring.rotate(SigningAlgorithm.RS256, clock.instant(), dev.portcullis.events.Actor.system());
        assertEquals(SigningAlgorithm.values().length + 1, ring.jwks().getKeys().size());
        for (JWK key : ring.jwks().getKeys()) {
            assertTrue(!key.isPrivate(), key.getKeyID());
            var json = key.toJSONObject();
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
                assertTrue(!json.containsKey(member), member + " in " + key.getKeyID());
            }
        }
        for (var json : (List<?>) ring.jwks().toJSONObject(true).get("keys")) {
            assertTrue(!((java.util.Map<?, ?>) json).containsKey("d"));
        }
    }
}

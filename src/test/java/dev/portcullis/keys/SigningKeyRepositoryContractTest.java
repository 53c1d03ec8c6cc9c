package dev.portcullis.keys;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SigningKeyRepository}'s promises on both databases: at most one current key per
 * algorithm whoever writes, a retired key published until its date and then forgotten, and a
 * conditional rotation that only one of two racing instances wins.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SigningKeyRepositoryContractTest extends RepositoryContract {
    static final Instant T0 = Instant.parse("2026-05-01T12:00:00.321Z");

    static SigningKeyRepository keys;
    static int kids;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        keys = new SqlSigningKeyRepository(database);
    }

    /** The table holds one current key per algorithm, so each test starts from none. */
    @BeforeEach
    void empty() {
        database.inTransaction(tx -> tx.update("DELETE FROM signing_keys"));
    }

    static StoredKey key(SigningAlgorithm alg, Instant createdAt) {
        String kid = alg + "-" + (++kids);
        return new StoredKey(kid, alg, "{\"kid\":\"" + kid + "\"}", "sealed:" + kid, createdAt, Optional.empty(), Optional.empty());
    }

    static StoredKey retired(StoredKey key, Instant at, Instant publishedUntil) {
        return new StoredKey(key.kid(), key.alg(), key.publicJwk(), key.sealedPrivateJwk(), key.createdAt(), Optional.of(at),
                Optional.of(publishedUntil));
    }

    static long rows() {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys"));
    }

    @Test
    void addFirstWhenNoCurrentKeyThenTrueAndPublishedWithItsSealedPrivateKey() {
        StoredKey rs = key(SigningAlgorithm.RS256, T0);
        StoredKey es = key(SigningAlgorithm.ES256, T0.plusMillis(1));
        assertTrue(keys.addFirst(rs));
        assertTrue(keys.addFirst(es), "one current key per algorithm, not one in all");
        assertEquals(List.of(rs, es), keys.published(T0));
    }

    @Test
    void addFirstWhenTheAlgorithmHasACurrentKeyThenFalseAndTheFirstStaysAlone() {
        StoredKey first = key(SigningAlgorithm.EdDSA, T0);
        assertTrue(keys.addFirst(first));
        assertFalse(keys.addFirst(key(SigningAlgorithm.EdDSA, T0)), "another instance won");
        assertEquals(List.of(first), keys.published(T0));
    }

    @Test
    void addFirstWhenTheKidIsTakenThenFalse() {
        StoredKey first = key(SigningAlgorithm.RS256, T0);
        assertTrue(keys.addFirst(first));
        StoredKey sameKid = new StoredKey(first.kid(), SigningAlgorithm.ES256, "{}", "sealed", T0, Optional.empty(), Optional.empty());
        assertFalse(keys.addFirst(sameKid));
        assertEquals(List.of(first), keys.published(T0));
    }

    @Test
    void publishedWhenEmptyThenNone() {
        assertEquals(List.of(), keys.published(T0));
    }

    @Test
    void rotateThenTheOldKeyIsRetiredButPublishedUntilItsDateAndTheNewOneIsCurrent() {
        StoredKey old = key(SigningAlgorithm.ES256, T0);
        keys.addFirst(old);
        Instant now = T0.plus(Duration.ofDays(90));
        Instant until = now.plus(Duration.ofDays(7));
        StoredKey next = key(SigningAlgorithm.ES256, now);
        assertTrue(keys.rotate(next, now, until, Optional.empty()));
        assertEquals(List.of(retired(old, now, until), next), keys.published(now));
        assertEquals(List.of(retired(old, now, until), next), keys.published(until.minusMillis(1)));
        assertEquals(List.of(next), keys.published(until), "no longer published once its date is reached");
    }

    @Test
    void rotateThenOnlyTheRotatedAlgorithmChanges() {
        StoredKey rs = key(SigningAlgorithm.RS256, T0);
        StoredKey es = key(SigningAlgorithm.ES256, T0);
        keys.addFirst(rs);
        keys.addFirst(es);
        Instant now = T0.plusSeconds(60);
        StoredKey next = key(SigningAlgorithm.ES256, now);
        keys.rotate(next, now, now.plusSeconds(60), Optional.empty());
        assertEquals(List.of(retired(es, now, now.plusSeconds(60)), rs, next), keys.published(now), "oldest first, then by kid");
    }

    @Test
    void rotateWhenNoCurrentKeyAndNoConditionThenTheNewKeyBecomesCurrent() {
        StoredKey next = key(SigningAlgorithm.EdDSA, T0);
        assertTrue(keys.rotate(next, T0, T0.plusSeconds(60), Optional.empty()));
        assertEquals(List.of(next), keys.published(T0));
    }

    @Test
    void rotateWhenTheCurrentKeyIsYoungerThanTheConditionThenFalseAndNothingChanges() {
        StoredKey current = key(SigningAlgorithm.RS256, T0);
        keys.addFirst(current);
        Instant now = T0.plus(Duration.ofDays(10));
        assertFalse(keys.rotate(key(SigningAlgorithm.RS256, now), now, now.plusSeconds(60), Optional.of(T0.minusMillis(1))));
        assertEquals(List.of(current), keys.published(now));
        assertEquals(1L, rows());
    }

    @Test
    void rotateWhenTheCurrentKeyIsExactlyAsOldAsTheConditionThenRotated() {
        StoredKey current = key(SigningAlgorithm.RS256, T0);
        keys.addFirst(current);
        Instant now = T0.plus(Duration.ofDays(90));
        StoredKey next = key(SigningAlgorithm.RS256, now);
        assertTrue(keys.rotate(next, now, now.plusSeconds(60), Optional.of(T0)));
        assertEquals(List.of(retired(current, now, now.plusSeconds(60)), next), keys.published(now));
    }

    @Test
    void rotateWhenConditionalAndNoCurrentKeyThenFalseAndNothingStored() {
        assertFalse(keys.rotate(key(SigningAlgorithm.ES256, T0), T0, T0.plusSeconds(60), Optional.of(T0)));
        assertEquals(0L, rows());
    }

    @Test
    void rotateForgetsEveryKeyNoLongerPublishedWhateverItsAlgorithm() {
        StoredKey es = key(SigningAlgorithm.ES256, T0);
        StoredKey rs = key(SigningAlgorithm.RS256, T0);
        keys.addFirst(es);
        keys.addFirst(rs);
        Instant t1 = T0.plusSeconds(10);
        keys.rotate(key(SigningAlgorithm.ES256, t1), t1, t1.plusSeconds(60), Optional.empty());
        assertEquals(3L, rows());
        Instant t2 = t1.plusSeconds(60);
        StoredKey rsNext = key(SigningAlgorithm.RS256, t2);
        keys.rotate(rsNext, t2, t2.plusSeconds(60), Optional.empty());
        assertEquals(3L, rows(), "the retired ES256 key, unpublished at t2, is deleted by the RS256 rotation");
        assertFalse(database.read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys WHERE kid = ?", es.kid())) > 0);
    }

    @Test
    void rotateWhenTwoInstancesRaceOnTheSameDueKeyThenExactlyOneWinsAndOneKeyIsCurrent() throws Exception {
        StoredKey current = key(SigningAlgorithm.ES256, T0);
        keys.addFirst(current);
        Instant now = T0.plus(Duration.ofDays(91));
        int racers = 6;
        List<StoredKey> candidates = new ArrayList<>();
        for (int i = 0; i < racers; i++) candidates.add(key(SigningAlgorithm.ES256, now));
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (StoredKey candidate : candidates) {
                results.add(pool.submit(() -> {
                    go.await();
                    return keys.rotate(candidate, now, now.plusSeconds(600), Optional.of(now.minus(Duration.ofDays(90))));
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> r : results) {
                if (r.get()) won++;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys WHERE retired_at IS NULL")));
        assertEquals(2, keys.published(now).size(), "the old key, retired, and one winner");
    }
}

package dev.portcullis.keys;

import dev.portcullis.support.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import dev.portcullis.config.Config;
import dev.portcullis.storage.Database;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two instances over one database: they agree on keys and never make two current keys. */
class SharedKeysTest {
    private final MutableClock clock = new MutableClock(KeyRingTest.T0);
    private Database dbA;
    private Database dbB;
    private KeyRing a;
    private KeyRing b;

    private void twoInstances(Db kind) {
        Config config = Keys.config(TestDatabases.fresh(kind));
        dbA = Database.open(config.storage());
        dbB = Database.open(config.storage());
        a = Keys.open(dbA, config, clock);
        b = Keys.open(dbB, config, clock);
    }

    @AfterEach
    void close() {
        if (dbA != null) dbA.close();
        if (dbB != null) dbB.close();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void secondInstanceReusesTheFirstInstancesKeys(Db kind) {
        twoInstances(kind);
        assertEquals(KeyRingTest.kids(a), KeyRingTest.kids(b));
        String jwt = a.sign(KeyRingTest.claims(), SigningAlgorithm.EdDSA, JOSEObjectType.JWT);
        assertTrue(b.verify(jwt).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void afterAnotherInstanceRotatesItsTokensVerifyAndTheNewKeyIsUsedWithinASecond(Db kind) throws Exception {
        twoInstances(kind);
        SigningKeyInfo rotated = b.rotate(SigningAlgorithm.ES256, clock.instant(), dev.portcullis.events.Actor.system());
        String fromB = b.sign(KeyRingTest.claims(), SigningAlgorithm.ES256, JOSEObjectType.JWT);
        assertEquals(rotated.kid(), KeyRingTest.kidOf(fromB));
        assertTrue(a.verify(fromB).isPresent(), "an unknown kid makes A reload");
        assertTrue(a.jwks().getKeyByKeyId(rotated.kid()) != null);

        clock.advance(KeyRing.RELOAD_EVERY);
        assertEquals(rotated.kid(), KeyRingTest.kidOf(a.sign(KeyRingTest.claims(), SigningAlgorithm.ES256, JOSEObjectType.JWT)));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void concurrentRotationsLeaveExactlyOneCurrentKeyPerAlgorithm(Db kind) throws Exception {
        twoInstances(kind);
        clock.advance(Duration.ofDays(91));
        List<List<SigningKeyInfo>> due = both(() -> a.rotateDue(clock.instant()), () -> b.rotateDue(clock.instant()));
        assertEquals(SigningAlgorithm.values().length, due.get(0).size() + due.get(1).size(), "each due key rotated once, by one instance");
        assertOneCurrentKeyPerAlgorithm();

        both(() -> a.rotateAll(clock.instant(), dev.portcullis.events.Actor.system()), () -> b.rotateAll(clock.instant(), dev.portcullis.events.Actor.system()));
        assertOneCurrentKeyPerAlgorithm();
        clock.advance(KeyRing.RELOAD_EVERY);
        assertEquals(KeyRingTest.kids(a), KeyRingTest.kids(b));
    }

    private void assertOneCurrentKeyPerAlgorithm() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            long current = dbA.read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys WHERE alg = ? AND retired_at IS NULL", alg));
            assertEquals(1L, current, alg.name());
        }
    }

    private static <T> List<T> both(Callable<T> first, Callable<T> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<T> f1 = pool.submit(() -> { go.await(); return first.call(); });
            Future<T> f2 = pool.submit(() -> { go.await(); return second.call(); });
            go.countDown();
            return List.of(f1.get(), f2.get());
        } finally {
            pool.shutdownNow();
        }
    }
}

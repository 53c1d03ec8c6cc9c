package dev.portcullis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Storage;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedBuckets}, the one owner of {@code rate_limit_buckets} (PostgreSQL only: with SQLite
 * the buckets live in memory): instances share one row per limiter and key, the key is stored as
 * its hash, a changed limit starts new rows, and the sweep deletes only full buckets, in batches.
 */
class SharedBucketsContractTest {
    static final Duration HOUR = Duration.ofHours(1);
    static final Bandwidth THREE_PER_HOUR = Bandwidth.builder().capacity(3).refillGreedy(3, HOUR).build();

    static Storage storage;
    static Database database;
    static SharedBuckets store;

    @BeforeAll
    static void open() {
        storage = TestDatabases.fresh(Db.POSTGRES);
        database = Database.open(storage);
        store = new SharedBuckets(database.dataSource());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.inTransaction(tx -> tx.update("DELETE FROM rate_limit_buckets"));
    }

    static boolean take(BucketStore.Keyed buckets, String key) {
        return buckets.with(key, b -> b.tryConsume(1));
    }

    static List<String> ids() {
        return database.read(tx -> tx.query("SELECT id FROM rate_limit_buckets ORDER BY id", r -> r.text("id")));
    }

    /** As if the buckets had long refilled: every row may go. */
    static void allFullAgain() {
        database.inTransaction(tx -> tx.update("UPDATE rate_limit_buckets SET expires_at = 0"));
    }

    @Test
    void withThenOneRowPerLimiterAndKeyNamedByTheLimitAndTheKeysHash() {
        var logins = store.buckets("login", THREE_PER_HOUR, HOUR, BucketStore.Precision.EXACT);
        take(logins, "Ada@Example.com");
        take(logins, "Ada@Example.com");
        assertEquals(List.of("login@3/PT1H:" + SecretHash.of("Ada@Example.com").hex()), ids());
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM rate_limit_buckets WHERE id LIKE ?",
                "%Ada%")), "never the key itself");
    }

    @Test
    void withWhenTwoInstancesShareTheTableThenOneCount() {
        try (Database other = Database.open(storage)) {
            var a = store.buckets("register", THREE_PER_HOUR, HOUR, BucketStore.Precision.EXACT);
            var b = new SharedBuckets(other.dataSource()).buckets("register", THREE_PER_HOUR, HOUR, BucketStore.Precision.EXACT);
            assertTrue(take(a, "198.51.100.1"));
            assertTrue(take(b, "198.51.100.1"));
            assertTrue(take(a, "198.51.100.1"));
            assertFalse(take(b, "198.51.100.1"), "the second instance sees the first one's spending");
            assertFalse(take(a, "198.51.100.1"));
        }
    }

    @Test
    void withWhenTheLimitChangesThenNewBucketsStartFullBesideTheOldOnes() {
        var before = store.buckets("token", THREE_PER_HOUR, HOUR, BucketStore.Precision.EXACT);
        for (int i = 0; i < 3; i++) take(before, "client-1");
        assertFalse(take(before, "client-1"));
        var raised = store.buckets("token", Bandwidth.builder().capacity(5).refillGreedy(5, HOUR).build(), HOUR,
                BucketStore.Precision.EXACT);
        assertTrue(take(raised, "client-1"), "a stored bucket keeps its old configuration, so a new limit is a new row");
        assertEquals(2, ids().size());
    }

    @Test
    void removeExpiredKeepsABucketInUseAndDeletesFullOnesAtMostABatchAtATime() {
        var buckets = store.buckets("sweep", THREE_PER_HOUR, HOUR, BucketStore.Precision.EXACT);
        for (String key : List.of("k1", "k2", "k3")) take(buckets, key);
        assertEquals(0, store.removeExpired(10), "each is short of a token for another 20 minutes");
        assertEquals(3, ids().size());
        allFullAgain();
        assertEquals(2, store.removeExpired(2));
        assertEquals(1, ids().size());
        assertEquals(1, store.removeExpired(2));
        assertEquals(0, store.removeExpired(2));
    }

    @Test
    void withWhenTheRowWasSweptThenTheKeyStartsFullAgain() {
        var buckets = store.buckets("swept", THREE_PER_HOUR, HOUR, BucketStore.Precision.EXACT);
        for (int i = 0; i < 3; i++) take(buckets, "k");
        assertFalse(take(buckets, "k"));
        allFullAgain();
        assertEquals(1, store.removeExpired(10));
        assertTrue(take(buckets, "k"));
        assertEquals(1, ids().size());
    }

    @Test
    void withWhenASettledBucketsRowIsSweptWhileItsProxyIsCachedThenItIsStoredAgain() {
        var reads = store.buckets("reads", Bandwidth.builder().capacity(40).refillGreedy(40, Duration.ofSeconds(1)).build(),
                Duration.ofSeconds(1), BucketStore.Precision.SETTLED);
        assertTrue(take(reads, "pc_at_1"));
        assertEquals(1, (int) database.inTransaction(tx -> tx.update("DELETE FROM rate_limit_buckets")));
        for (int i = 0; i < 3; i++) assertTrue(take(reads, "pc_at_1"), "request " + i + " after the sweep");
        assertEquals(1, ids().size());
    }
}

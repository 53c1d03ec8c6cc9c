package dev.portcullis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.Database;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link BucketStore} promises, in memory and in PostgreSQL (where SQLite deployments
 * have no shared table, their store is memory): a key's bucket allows its limit and then refuses,
 * keys and limiters never share a count. The shared table's own promises are in
 * {@link SharedBucketsContractTest}.
 */
@ParameterizedClass
@EnumSource(BucketStoreContractTest.Store.class)
class BucketStoreContractTest {
    enum Store { LOCAL, SHARED }

    static final Duration HOUR = Duration.ofHours(1);

    @Parameter
    Store kind;

    static Database database;
    static BucketStore store;
    static int names;

    @BeforeParameterizedClassInvocation
    static void open(Store kind) {
        store = switch (kind) {
            case LOCAL -> new LocalBuckets();
            case SHARED -> {
                database = Database.open(TestDatabases.fresh(Db.POSTGRES));
                yield new SharedBuckets(database.dataSource());
            }
        };
    }

    @AfterParameterizedClassInvocation
    static void close() {
        if (database != null) database.close();
        database = null;
    }

    static Bandwidth perHour(int capacity) {
        return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, HOUR).build();
    }

    static BucketStore.Keyed limiter(int capacity, BucketStore.Precision precision) {
        return store.buckets("limiter-" + (++names), perHour(capacity), HOUR, precision);
    }

    static boolean take(BucketStore.Keyed buckets, String key) {
        return buckets.with(key, b -> b.tryConsume(1));
    }

    static boolean canTake(BucketStore.Keyed buckets, String key) {
        return buckets.with(key, b -> b.estimateAbilityToConsume(1).canBeConsumed());
    }

    static int passed(BucketStore.Keyed buckets, String key, int attempts) {
        int passed = 0;
        for (int i = 0; i < attempts; i++) {
            if (take(buckets, key)) passed++;
        }
        return passed;
    }

    @Test
    void withWhenAKeyHasSpentItsLimitThenRefusedWhileAnotherKeyIsStillFull() {
        var buckets = limiter(3, BucketStore.Precision.EXACT);
        assertEquals(3, passed(buckets, "ada@example.com", 5));
        assertFalse(take(buckets, "ada@example.com"));
        assertEquals(3, passed(buckets, "bob@example.com", 5), "each key has its own bucket");
    }

    @Test
    void withWhenTwoLimitersSeeTheSameKeyThenTheyCountApart() {
        var logins = limiter(2, BucketStore.Precision.EXACT);
        var signups = limiter(2, BucketStore.Precision.EXACT);
        assertEquals(2, passed(logins, "203.0.113.7", 3));
        assertEquals(2, passed(signups, "203.0.113.7", 3));
    }

    @Test
    void withWhenSettledOnOneInstanceThenTheLimitIsStillExact() {
        var reads = limiter(40, BucketStore.Precision.SETTLED);
        assertEquals(40, passed(reads, "pc_at_key", 45));
    }

    @Test
    void withThenAnEstimateTakesNothing() {
        var buckets = limiter(1, BucketStore.Precision.EXACT);
        assertTrue(canTake(buckets, "k"));
        assertTrue(take(buckets, "k"), "the estimate left the one token");
        assertFalse(canTake(buckets, "k"));
    }
}

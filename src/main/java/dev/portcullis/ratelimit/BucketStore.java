package dev.portcullis.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.function.Function;

/** Where the token buckets of one limiter live. */
sealed interface BucketStore permits LocalBuckets, SharedBuckets {

    /** The buckets of limiter {@code name}: each key's allows {@code limit}, refilled over {@code period}, full when first used. */
    Keyed buckets(String name, Bandwidth limit, Duration period, Precision precision);

    /** How closely instances sharing a store must agree on a count. */
    enum Precision {
        /** Guards against guessing and flooding: every request counts against the shared count at once. */
        EXACT,
        /** Throughput limits: an instance may settle with the shared count in small steps. */
        SETTLED
    }

    /** One limiter's buckets, one per key. */
    interface Keyed {
        /** Runs {@code use} on {@code key}'s bucket. */
        <T> T with(String key, Function<Bucket, T> use);
    }

    /** Deletes at most {@code batch} buckets that are full again (as good as new); returns how many went. */
    int removeExpired(int batch);
}

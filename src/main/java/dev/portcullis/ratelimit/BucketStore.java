package dev.portcullis.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.function.Function;

/** Where the token buckets of one limiter live. */
sealed interface BucketStore permits LocalBuckets, SharedBuckets {

    /** The buckets of limiter {@code name}: each key's allows {@code limit}, refilled over {@code period}, full when first used. */
    Function<String, Bucket> buckets(String name, Bandwidth limit, Duration period);

    /** Deletes at most {@code batch} buckets that are full again (as good as new); returns how many went. */
    int removeExpired(int batch);
}

package dev.portcullis.ratelimit;

import dev.portcullis.secrets.SecretHash;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Buckets in PostgreSQL, shared by every instance (Bucket4j's PostgreSQL proxy manager, table
 * {@code rate_limit_buckets}). Each check is one short transaction on a pooled connection: lock the
 * key's row ({@code SELECT ... FOR UPDATE}, inserting it first when new), update its state, commit.
 * Row locks rather than advisory locks: no lock-id hashing, so two keys never wait on each other.
 */
final class SharedBuckets implements BucketStore {
    /** A bucket full again is kept this much longer before it may be deleted. */
    private static final Duration KEEP_WHEN_FULL = Duration.ofSeconds(10);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    SharedBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL))
                .build();
    }

    @Override
    public Function<String, Bucket> buckets(String name, Bandwidth limit, Duration period) {
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit).build();
        // The limit is part of the id: a stored bucket keeps the configuration it was created with,
        // so a changed limit must start new buckets (the old ones expire and are swept).
        String namespace = name + "@" + limit.getCapacity() + "/" + period + ":";
        // Keys may be emails or long client_id URLs: the table holds their SHA-256, never the key.
        return key -> buckets.builder().build(namespace + SecretHash.of(key).hex(), () -> configuration);
    }

    @Override
    public int removeExpired(int batch) {
        return buckets.removeExpired(batch);
    }
}

package dev.portcullis.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.secrets.SecretHash;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
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
 *
 * <p>A busy key would make every request wait on its row, so a throughput limit
 * ({@link Precision#SETTLED}) of 40 or more lets each instance spend up to 5 % of it locally and
 * settle with the database at that count or every {@link #SETTLE_EVERY}, whichever comes first
 * (Bucket4j's delaying optimization, which keeps its local state in the bucket proxy, hence the
 * cache of proxies). Across N instances a key may then overshoot by N x 5 % for that long. Guards
 * ({@link Precision#EXACT}: logins, registrations) and smaller limits lock the row every time.
 */
final class SharedBuckets implements BucketStore {
    /** A bucket full again is kept this much longer before it may be deleted. */
    private static final Duration KEEP_WHEN_FULL = Duration.ofSeconds(10);
    static final Duration SETTLE_EVERY = Duration.ofMillis(100);
    private static final long SETTLE_FROM_CAPACITY = 40;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    SharedBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL))
                .build();
    }

    @Override
    public Keyed buckets(String name, Bandwidth limit, Duration period, Precision precision) {
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit).build();
        // The limit is part of the id: a stored bucket keeps the configuration it was created with,
        // so a changed limit must start new buckets (the old ones expire and are swept).
        String namespace = name + "@" + limit.getCapacity() + "/" + period + ":";
        boolean settle = precision == Precision.SETTLED && limit.getCapacity() >= SETTLE_FROM_CAPACITY;
        return settle ? new Settled(namespace, configuration, limit.getCapacity() / 20) : new Exact(namespace, configuration);
    }

    /** Every request locks the key's row. */
    private final class Exact implements Keyed {
        private final String namespace;
        private final BucketConfiguration configuration;

        Exact(String namespace, BucketConfiguration configuration) {
            this.namespace = namespace;
            this.configuration = configuration;
        }

        @Override
        public <T> T with(String key, Function<Bucket, T> use) {
            return use.apply(buckets.builder().build(id(namespace, key), () -> configuration));
        }
    }

    /** Each key's proxy is kept, with the tokens it spent locally since it last settled. */
    private final class Settled implements Keyed {
        private final String namespace;
        private final BucketConfiguration configuration;
        private final RemoteBucketBuilder<String> settling;
        private final Cache<String, Bucket> proxies =
                Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(5)).build();

        Settled(String namespace, BucketConfiguration configuration, long slack) {
            this.namespace = namespace;
            this.configuration = configuration;
            this.settling = buckets.builder().withOptimization(Optimizations.delaying(new DelayParameters(slack, SETTLE_EVERY)));
        }

        @Override
        public <T> T with(String key, Function<Bucket, T> use) {
            String id = id(namespace, key);
            try {
                return use.apply(proxy(id));
            } catch (RuntimeException e) {
                // An optimized proxy does not recreate a row that is gone (swept while idle):
                // bucket4j/bucket4j#398. Start that key again from a stored bucket, once.
                if (!bucketNotFound(e)) throw e;
                proxies.invalidate(id);
                return use.apply(proxy(id));
            }
        }

        /**
         * A new key's row is made by a plain proxy first, since concurrent first uses through an
         * optimized one fail (#398); outside the cache's lock, as it is a database round trip.
         */
        private Bucket proxy(String id) {
            Bucket cached = proxies.getIfPresent(id);
            if (cached != null) return cached;
            buckets.builder().build(id, () -> configuration).getAvailableTokens();
            return proxies.get(id, i -> settling.build(i, () -> configuration));
        }
    }

    /** Keys may be emails or long client_id URLs: the table holds their SHA-256, never the key. */
    private static String id(String namespace, String key) {
        return namespace + SecretHash.of(key).hex();
    }

    private static boolean bucketNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BucketNotFoundException) return true;
        }
        return false;
    }

    @Override
    public int removeExpired(int batch) {
        return buckets.removeExpired(batch);
    }
}

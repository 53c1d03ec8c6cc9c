-- Token buckets shared by every instance (Bucket4j's PostgreSQL proxy manager): one row per
-- limiter and key ("api-read:<credential id>"), its serialized state, and when it may be deleted
-- (epoch millis, once the bucket would be full again). PostgreSQL only: SQLite counts in memory.
CREATE TABLE rate_limit_buckets (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_buckets_expires_at ON rate_limit_buckets (expires_at);

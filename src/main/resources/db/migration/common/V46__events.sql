-- The audit log: one row per security-relevant act, written in the transaction of the change and
-- never updated. No secret or token value is stored; data holds ids and small facts as JSON text.
CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    occurred_at      BIGINT NOT NULL,
    actor_kind       TEXT NOT NULL,
    actor_id         TEXT,
    actor_address    TEXT,
    actor_user_agent TEXT,
    workspace_id     TEXT,
    target_kind      TEXT,
    target_id        TEXT,
    data             TEXT NOT NULL
);
CREATE INDEX events_time ON events (occurred_at, id);
CREATE INDEX events_workspace ON events (workspace_id, occurred_at);
CREATE INDEX events_actor ON events (actor_id, occurred_at);
CREATE INDEX events_target ON events (target_id, occurred_at);
CREATE INDEX events_type ON events (type, occurred_at);

-- Webhooks: endpoints that receive events, an outbox of deliveries written in the event's own
-- transaction, and a log of every attempt. Secrets are stored only sealed with the master key;
-- after a rotation the previous one keeps signing until previous_secret_until.
-- workspace_id NULL: a global (operator) endpoint that receives every workspace's events.
CREATE TABLE webhook_endpoints (
    id                     TEXT PRIMARY KEY,
    workspace_id           TEXT REFERENCES workspaces (id) ON DELETE CASCADE,
    target_url             TEXT NOT NULL,
    event_types            TEXT NOT NULL,
    enabled                BOOLEAN NOT NULL,
    sealed_secret          TEXT NOT NULL,
    previous_sealed_secret TEXT,
    previous_secret_until  BIGINT,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_workspace ON webhook_endpoints (workspace_id);

-- One row per event and endpoint; its id is the webhook-id every attempt and replay carries.
-- next_attempt_at NULL: nothing is due (delivered, or given up until a replay).
-- locked_until: an instance's claim; a crashed instance's claims come back when it passes.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    failures         INTEGER NOT NULL,
    next_attempt_at  BIGINT,
    locked_until     BIGINT,
    first_attempt_at BIGINT,
    created_at       BIGINT NOT NULL,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Every attempt: the HTTP status, or the kind of error (timeout, connection, refused_address).
CREATE TABLE webhook_attempts (
    delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    attempted_at BIGINT NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  BIGINT NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

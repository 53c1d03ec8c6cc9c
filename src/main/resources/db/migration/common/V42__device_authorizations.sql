-- RFC 8628: a device asked for access and waits, polling with its device_code, while a person
-- types the user_code at /device. Both codes are stored only as hashes. A person's approval ties
-- it to a connection, so revoking the connection deletes it (and every token it gave).
-- status: pending, approved, denied, redeemed (the device_code was exchanged, once).
CREATE TABLE device_authorizations (
    device_code_hash TEXT PRIMARY KEY,
    user_code_hash   TEXT NOT NULL UNIQUE,
    app_id           TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    scopes           TEXT NOT NULL,
    status           TEXT NOT NULL,
    connection_id    TEXT REFERENCES connections (id) ON DELETE CASCADE,
    auth_time        BIGINT,
    interval_seconds INTEGER NOT NULL,
    last_polled_at   BIGINT,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
CREATE INDEX device_authorizations_expires ON device_authorizations (expires_at);

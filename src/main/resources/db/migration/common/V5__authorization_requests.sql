-- A validated authorization request waiting for login, workspace choice and consent. The browser
-- holds only a random handle (its hash is the key), so the request cannot be edited on the way.
CREATE TABLE authorization_requests (
    handle_hash TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    request     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

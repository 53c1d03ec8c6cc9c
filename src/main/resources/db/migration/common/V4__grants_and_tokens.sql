-- "User U let app A into workspace W with scopes S": consent is remembered here. Deleting a
-- connection deletes its grants, and with them every code and token (ON DELETE CASCADE).
CREATE TABLE connections (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    app_id        TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    membership_id TEXT NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    scopes        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (user_id, app_id, workspace_id)
);
CREATE INDEX connections_workspace ON connections (workspace_id);
CREATE INDEX connections_app ON connections (app_id);

-- A grant is one token family: everything issued from one authorization code and its refresh
-- chain. Revoking it (a replayed code, a reused refresh token) deletes the family.
CREATE TABLE grants (
    id            TEXT PRIMARY KEY,
    app_id        TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    scopes        TEXT NOT NULL,
    resource      TEXT,
    auth_time     BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX grants_connection ON grants (connection_id);

CREATE TABLE authorization_codes (
    code_hash      TEXT PRIMARY KEY,
    app_id         TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    connection_id  TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    scopes         TEXT NOT NULL,
    code_challenge TEXT,
    nonce          TEXT,
    resource       TEXT,
    auth_time      BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    used_at        BIGINT,
    grant_id       TEXT
);

-- Access tokens: the hash of an opaque token, or of a JWT's jti (so JWTs can be revoked too).
-- grant_id is NULL for client_credentials tokens, which have no user and no workspace.
CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    app_id     TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    grant_id   TEXT REFERENCES grants (id) ON DELETE CASCADE,
    scopes     TEXT NOT NULL,
    resource   TEXT,
    format     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT
);
CREATE INDEX access_tokens_grant ON access_tokens (grant_id);
CREATE INDEX access_tokens_app ON access_tokens (app_id);

-- used_at is set when the token is rotated; presenting it again revokes the whole grant.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    scopes     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id);

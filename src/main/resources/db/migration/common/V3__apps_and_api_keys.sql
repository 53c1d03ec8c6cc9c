-- An app is the SPEC's OAuth client; its id is the client_id. Space-separated lists for scopes and grants.
CREATE TABLE apps (
    id                         TEXT PRIMARY KEY,
    owner_user_id              TEXT REFERENCES users (id) ON DELETE CASCADE,
    name                       TEXT NOT NULL,
    description                TEXT NOT NULL DEFAULT '',
    logo_url                   TEXT,
    oauth_enabled              BOOLEAN NOT NULL DEFAULT TRUE,
    client_type                TEXT NOT NULL CHECK (client_type IN ('confidential', 'public')),
    token_endpoint_auth_method TEXT NOT NULL,
    grant_types                TEXT NOT NULL,
    scopes                     TEXT NOT NULL,
    access_token_format        TEXT NOT NULL DEFAULT 'opaque' CHECK (access_token_format IN ('opaque', 'jwt')),
    access_token_ttl_seconds   BIGINT,
    id_token_alg               TEXT NOT NULL DEFAULT 'RS256',
    resource_server            BOOLEAN NOT NULL DEFAULT FALSE,
    self_registered            BOOLEAN NOT NULL DEFAULT FALSE,
    registration_token_hash    TEXT UNIQUE,
    created_at                 BIGINT NOT NULL,
    last_used_at               BIGINT
);
CREATE INDEX apps_owner ON apps (owner_user_id);

CREATE TABLE app_redirect_uris (
    app_id     TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    uri        TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (app_id, uri)
);

-- expires_at is set when a rotation gives the old secret a grace period.
CREATE TABLE client_secrets (
    id          TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    hint        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT
);
CREATE INDEX client_secrets_app ON client_secrets (app_id);

CREATE TABLE api_keys (
    id                 TEXT PRIMARY KEY,
    workspace_id       TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    scopes             TEXT NOT NULL,
    key_hash           TEXT NOT NULL UNIQUE,
    hint               TEXT NOT NULL,
    created_by_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at         BIGINT NOT NULL,
    expires_at         BIGINT,
    last_used_at       BIGINT
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

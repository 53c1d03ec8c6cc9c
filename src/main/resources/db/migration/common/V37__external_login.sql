-- External login (the SaaS's own login decides who the user is). Users and workspaces the SaaS
-- names are linked by its own stable ids; the rows they link to are ordinary users and
-- workspaces, so connections, tokens and API keys keep working as the SaaS updates them.
CREATE TABLE external_users (
    external_id TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    metadata    TEXT,
    updated_at  BIGINT NOT NULL
);
CREATE TABLE external_workspaces (
    external_id  TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL UNIQUE REFERENCES workspaces (id) ON DELETE CASCADE,
    updated_at   BIGINT NOT NULL
);

-- One login through the SaaS: keyed by the hash of external_auth_id, bound to the hash of the
-- browser's binding cookie. return_to (where the browser goes after login) is sealed under the
-- id, and after completion under the one-time redirect code, so the database alone opens nothing.
CREATE TABLE external_auth_requests (
    id_hash         TEXT PRIMARY KEY,
    browser_hash    TEXT NOT NULL,
    return_to       TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    completed_at    BIGINT,
    user_id         TEXT REFERENCES users (id) ON DELETE CASCADE,
    code_hash       TEXT UNIQUE,
    code_expires_at BIGINT,
    used_at         BIGINT
);

-- The operator's settings from /manage/v1 or an import; a NULL column falls back to the
-- environment (PORTCULLIS_EXTERNAL_LOGIN_URI, PORTCULLIS_PASSWORD_LOGIN). One row at most.
CREATE TABLE external_login_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    external_login_uri TEXT,
    password_login     BOOLEAN
);

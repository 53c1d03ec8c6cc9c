-- What a page shows once after a successful form POST (Post/Redirect/Get): a notice and, at most, a
-- one-time secret (a new client secret or API key), sealed with the master key, never in clear.
-- Only the SHA-256 of the flash id in the redirect URL is stored; it is read once, only by the
-- login session that made it (and dies with it), and only for a few minutes.
CREATE TABLE page_flashes (
    id_hash       TEXT PRIMARY KEY,
    session_hash  TEXT NOT NULL REFERENCES login_sessions (id_hash) ON DELETE CASCADE,
    section       TEXT NOT NULL,
    notice        TEXT NOT NULL,
    secret_label  TEXT,
    sealed_secret TEXT,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX page_flashes_session ON page_flashes (session_hash);

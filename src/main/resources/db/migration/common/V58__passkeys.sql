-- Passkeys (WebAuthn; docs/account-security.md). One row per registered credential: its id and
-- COSE public key (base64url), the signature counter last seen (a counter that goes back is a
-- cloned authenticator, refused), the transports the browser reported, and the user handle the
-- authenticator holds: random per user, never the user id or the email.
CREATE TABLE passkeys (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    public_key    TEXT NOT NULL,
    aaguid        TEXT NOT NULL,
    sign_count    BIGINT NOT NULL,
    transports    TEXT NOT NULL DEFAULT '',
    user_handle   TEXT NOT NULL,
    name          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX passkeys_user ON passkeys (user_id);
CREATE INDEX passkeys_user_handle ON passkeys (user_handle);

-- A WebAuthn ceremony under way: the challenge the server sent, single use and short-lived, keyed
-- by the SHA-256 of a cookie value, so only the browser that asked can answer it. user_id is the
-- account it is for (registration, second factor); NULL for a usernameless sign-in. user_handle is
-- the handle a registration offered the authenticator, kept for the passkey it creates.
CREATE TABLE passkey_ceremonies (
    id_hash     TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL,
    user_id     TEXT REFERENCES users (id) ON DELETE CASCADE,
    user_handle TEXT,
    challenge   TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- Second factors (docs/account-security.md). A user's TOTP secret is sealed with the
-- master key, never stored in clear; confirmed_at stays NULL until the first code proves the
-- authenticator app holds it. last_step is the RFC 6238 time step of the last code accepted, so
-- the same code cannot be used twice.
CREATE TABLE mfa_totp (
    user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sealed_secret TEXT NOT NULL,
    confirmed_at  BIGINT,
    last_step     BIGINT,
    created_at    BIGINT NOT NULL
);

-- One-time recovery codes: only their SHA-256 (each has 80 random bits), each usable once.
CREATE TABLE mfa_recovery_codes (
    code_hash TEXT PRIMARY KEY,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    used_at   BIGINT
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes (user_id);

-- A login whose password was right but whose second factor is still to come, bound to the
-- browser by a cookie whose SHA-256 is the key; it carries the return_to of the password form.
CREATE TABLE mfa_pending_logins (
    id_hash    TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    return_to  TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX mfa_pending_logins_user ON mfa_pending_logins (user_id);

-- Links mailed to a person (docs/account-security.md): email verification (24 hours) and password
-- reset (30 minutes). Only the SHA-256 of the token in the link is stored; a link works once.
-- email is the address the link was sent to: verifying it proves only that one.
CREATE TABLE account_tokens (
    id_hash    TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- RFC 8693 token exchange: a grant obtained by exchange records who acts (the act claim, a JSON
-- object, nested for a chain); it hangs off the subject token's connection, so revoking that
-- connection kills the exchanged tokens too.
ALTER TABLE grants ADD COLUMN act TEXT;

-- The resources (RFC 8707 URIs) an app may exchange tokens for; none means it may not exchange.
CREATE TABLE token_exchange_targets (
    app_id   TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    resource TEXT NOT NULL,
    PRIMARY KEY (app_id, resource)
);

-- Issuers whose JWTs the jwt-bearer grant accepts (RFC 7523 §2.1, ID-JAG): their keys by value or
-- by reference, the aud values they may use, and the clients that may present their assertions.
CREATE TABLE trusted_issuers (
    id          TEXT PRIMARY KEY,
    issuer      TEXT NOT NULL UNIQUE,
    jwks        TEXT,
    jwks_uri    TEXT,
    audiences   TEXT NOT NULL,
    client_ids  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Each assertion is single-use (RFC 7523 §3): its jti (hashed) is kept per issuer until it expires.
CREATE TABLE trusted_issuer_jtis (
    issuer_id  TEXT NOT NULL REFERENCES trusted_issuers (id) ON DELETE CASCADE,
    jti_hash   TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (issuer_id, jti_hash)
);
CREATE INDEX trusted_issuer_jtis_expiry ON trusted_issuer_jtis (expires_at);

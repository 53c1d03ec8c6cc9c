-- private_key_jwt (RFC 7523 §2.2): a client's public keys by value (a JWK Set, public keys only)
-- or by reference (an https URL), and the one JWS algorithm it may sign with, if it named one.
ALTER TABLE apps ADD COLUMN jwks TEXT;
ALTER TABLE apps ADD COLUMN jwks_uri TEXT;
ALTER TABLE apps ADD COLUMN token_endpoint_auth_signing_alg TEXT;

-- Each client assertion is single-use (RFC 7523 §3): its jti (hashed, so any length fits) is kept
-- until the assertion expires, shared by every instance; expired rows are swept.
CREATE TABLE client_assertion_jtis (
    app_id     TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    jti_hash   TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (app_id, jti_hash)
);
CREATE INDEX client_assertion_jtis_expiry ON client_assertion_jtis (expires_at);

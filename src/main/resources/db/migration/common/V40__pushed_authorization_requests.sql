-- Pushed authorization requests (RFC 9126): the checked parameters of a request a client pushed,
-- keyed by the hash of its request_uri, for about a minute, deleted when /authorize uses it.
CREATE TABLE pushed_authorization_requests (
    request_uri_hash TEXT PRIMARY KEY,
    app_id           TEXT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    parameters       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
CREATE INDEX pushed_authorization_requests_expires_at ON pushed_authorization_requests (expires_at);

-- Per-app assurance (docs/high-assurance.md): /authorize only through PAR, DPoP-bound access
-- tokens (RFC 9449 §5.2), and the security profile the app's settings are held to ('none', 'fapi2').
ALTER TABLE apps ADD COLUMN require_par BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN dpop_bound_access_tokens BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN security_profile TEXT NOT NULL DEFAULT 'none';

-- PS256 (RFC 7518 §3.5) gets its own RSA key, one key per algorithm (RFC 8725 §3.1). SQLite cannot
-- change a CHECK constraint in place, so the table is copied into one that allows it.
CREATE TABLE signing_keys_v40 (
    kid             TEXT PRIMARY KEY,
    alg             TEXT NOT NULL CHECK (alg IN ('RS256', 'PS256', 'ES256', 'EdDSA')),
    public_jwk      TEXT NOT NULL,
    private_jwk     TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    retired_at      BIGINT,
    published_until BIGINT
);
INSERT INTO signing_keys_v40 (kid, alg, public_jwk, private_jwk, created_at, retired_at, published_until)
    SELECT kid, alg, public_jwk, private_jwk, created_at, retired_at, published_until FROM signing_keys;
DROP TABLE signing_keys;
ALTER TABLE signing_keys_v40 RENAME TO signing_keys;
CREATE UNIQUE INDEX signing_keys_current ON signing_keys (alg) WHERE retired_at IS NULL;

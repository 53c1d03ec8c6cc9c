-- Signing keys for ID tokens and JWT access tokens. public_jwk is the JWK as published (RFC 7517);
-- private_jwk is the private JWK sealed as a compact JWE (dir, A256GCM) under the master key.
-- A key is current while retired_at is NULL; once retired it stays in the JWKS until published_until.
CREATE TABLE signing_keys (
    kid             TEXT PRIMARY KEY,
    alg             TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256', 'EdDSA')),
    public_jwk      TEXT NOT NULL,
    private_jwk     TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    retired_at      BIGINT,
    published_until BIGINT
);
-- At most one current key per algorithm, even when two instances rotate at the same moment.
CREATE UNIQUE INDEX signing_keys_current ON signing_keys (alg) WHERE retired_at IS NULL;

-- Protected resources (RFC 8707 / RFC 9728) the operator registers; the built-in /v2 API is implicit.
CREATE TABLE protected_resources (
    id         TEXT PRIMARY KEY,
    uri        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

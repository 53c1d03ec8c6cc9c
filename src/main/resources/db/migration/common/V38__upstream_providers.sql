-- Upstream OpenID providers ("Sign in with ..."), configured by operators. The client secret must
-- be sent to the provider, so it cannot be hashed: it is sealed with the master key (JWE, A256GCM).
CREATE TABLE upstream_providers (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    issuer                TEXT NOT NULL,
    client_id             TEXT NOT NULL,
    sealed_client_secret  TEXT NOT NULL,
    scopes                TEXT NOT NULL,
    allowed_email_domains TEXT NOT NULL,
    auto_join_domain      TEXT,
    auto_join_workspace   TEXT,
    auto_join_role        TEXT,
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL
);

-- A Portcullis user is the person an issuer calls sub (OIDC Core §2: sub is unique only per issuer).
CREATE TABLE upstream_links (
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX upstream_links_user ON upstream_links (user_id);

-- A sign-in sent to an upstream provider and not yet back: state (hashed) names it, the browser's
-- binding cookie (hashed) must come back with it, and nonce and PKCE verifier wait here, not in
-- the browser (RFC 9700 §2.1, §4.7).
CREATE TABLE upstream_logins (
    state_hash    TEXT PRIMARY KEY,
    browser_hash  TEXT NOT NULL,
    provider_id   TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    return_to     TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX upstream_logins_browser ON upstream_logins (browser_hash, created_at);
CREATE INDEX upstream_logins_expiry ON upstream_logins (expires_at);

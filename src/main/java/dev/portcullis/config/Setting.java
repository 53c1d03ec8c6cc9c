package dev.portcullis.config;

/**
 * Every configuration setting, its environment variable, default and meaning: the one place
 * defaults live (the README's configuration table mirrors this list).
 */
public enum Setting {
    PORT("PORTCULLIS_PORT", "8080", "HTTP port to listen on (0 picks a free port)"),
    HOST("PORTCULLIS_HOST", "0.0.0.0", "Address to bind"),
    ISSUER("PORTCULLIS_ISSUER", "http://localhost:8080", "Public base URL; the OAuth `iss`"),
    DATA_DIR("PORTCULLIS_DATA_DIR", "./data", "Directory for the SQLite file and the local key file"),
    DATABASE_URL("PORTCULLIS_DATABASE_URL", "", "JDBC URL; empty means SQLite at DATA_DIR/portcullis.db; `jdbc:postgresql://...` for production"),
    DATABASE_USER("PORTCULLIS_DATABASE_USER", "", "Database user (PostgreSQL), when not in the URL"),
    DATABASE_PASSWORD("PORTCULLIS_DATABASE_PASSWORD", "", "Database password (PostgreSQL), when not in the URL"),
    DATABASE_POOL_SIZE("PORTCULLIS_DATABASE_POOL_SIZE", "10", "Maximum pooled database connections"),
    TRUSTED_PROXIES("PORTCULLIS_TRUSTED_PROXIES", "", "Comma-separated addresses or CIDR ranges of your load balancers or reverse proxies; from these, X-Forwarded-For names the client for per-address limits. Empty: the socket peer is the client"),
    MAX_REQUEST_BYTES("PORTCULLIS_MAX_REQUEST_BYTES", "65536", "Largest accepted request body, in bytes"),
    HEADER_TIMEOUT_SECONDS("PORTCULLIS_HEADER_TIMEOUT_SECONDS", "10", "A request's line and headers must arrive within this many seconds of its first byte, or the connection closes"),
    BODY_TIMEOUT_SECONDS("PORTCULLIS_BODY_TIMEOUT_SECONDS", "30", "A request body that sends nothing for this many seconds closes the connection"),
    METRICS_TOKEN("PORTCULLIS_METRICS_TOKEN", "", "When set, /metrics needs Authorization: Bearer with this token (else 401); empty: /metrics is open"),
    SESSION_IDLE_MINUTES("PORTCULLIS_SESSION_IDLE_MINUTES", "120", "A login session ends after this long unused"),
    SESSION_MAX_HOURS("PORTCULLIS_SESSION_MAX_HOURS", "24", "A login session ends this long after login, used or not"),
    ACCESS_TOKEN_TTL_SECONDS("PORTCULLIS_ACCESS_TOKEN_TTL_SECONDS", "3600", "Default access-token lifetime (an app may override)"),
    REFRESH_IDLE_DAYS("PORTCULLIS_REFRESH_IDLE_DAYS", "30", "A refresh token dies after this long unused"),
    REFRESH_MAX_DAYS("PORTCULLIS_REFRESH_MAX_DAYS", "90", "A refresh-token family dies this long after the grant"),
    CODE_TTL_SECONDS("PORTCULLIS_CODE_TTL_SECONDS", "60", "Authorization-code lifetime (at most 60)"),
    DEVICE_CODE_TTL_SECONDS("PORTCULLIS_DEVICE_CODE_TTL_SECONDS", "600", "Device authorization lifetime: how long a device's user code can be entered and its device_code polled (RFC 8628)"),
    DEVICE_POLL_INTERVAL_SECONDS("PORTCULLIS_DEVICE_POLL_INTERVAL_SECONDS", "5", "The least time between a device's token polls; polling sooner gets slow_down and 5 s more"),
    DEVICE_CODE_ATTEMPTS_PER_MINUTE("PORTCULLIS_DEVICE_CODE_ATTEMPTS_PER_MINUTE", "10", "Wrong user codes allowed at /device per client address and per account, per minute"),
    SECRET_GRACE_HOURS("PORTCULLIS_SECRET_GRACE_HOURS", "24", "How long a rotated client secret stays valid"),
    SIGNING_ALG("PORTCULLIS_SIGNING_ALG", "RS256", "Default signing algorithm for ID tokens and JWT access tokens: RS256, PS256, ES256 or EdDSA"),
    KEY_ROTATION_DAYS("PORTCULLIS_KEY_ROTATION_DAYS", "90", "Signing keys are rotated after this many days"),
    MASTER_KEY("PORTCULLIS_MASTER_KEY", "", "Base64 AES-256 key that encrypts private signing keys; empty: a generated key file in DATA_DIR"),
    SCOPES_FILE("PORTCULLIS_SCOPES_FILE", "", "JSON scope catalogue replacing the built-in one"),
    RATE_READS_PER_SECOND("PORTCULLIS_RATE_READS_PER_SECOND", "100", "Per-token limit on /v2 reads"),
    RATE_WRITES_PER_SECOND("PORTCULLIS_RATE_WRITES_PER_SECOND", "25", "Per-token limit on /v2 writes"),
    RATE_TOKEN_PER_SECOND("PORTCULLIS_RATE_TOKEN_PER_SECOND", "50", "Per-client limit on the token endpoint"),
    RATE_LIMIT_STORE("PORTCULLIS_RATE_LIMIT_STORE", "", "Where rate-limit counters live: local (this instance's memory) or database (PostgreSQL, shared by every instance); empty: database on PostgreSQL, local on SQLite"),
    LOGIN_ATTEMPTS_PER_MINUTE("PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE", "10", "Failed logins allowed per account from one client address, per account from all addresses (past it, only addresses that have not failed on it lately may try), and (x3) per address across accounts"),
    SIGNUPS_PER_HOUR("PORTCULLIS_SIGNUPS_PER_HOUR", "20", "Sign-ups allowed per client address per hour (each costs an Argon2id hash)"),
    REGISTRATION("PORTCULLIS_REGISTRATION", "open", "Dynamic client registration: open, token (needs an initial access token) or off"),
    REGISTRATION_INITIAL_TOKEN("PORTCULLIS_REGISTRATION_INITIAL_TOKEN", "", "Initial access token for registration=token"),
    REGISTRATIONS_PER_HOUR("PORTCULLIS_REGISTRATIONS_PER_HOUR", "20", "Registrations allowed per client address per hour"),
    REGISTRATION_UNUSED_DAYS("PORTCULLIS_REGISTRATION_UNUSED_DAYS", "30", "Self-registered apps never used are deleted after this many days"),
    REGISTRATION_ALLOW_IMPLICIT("PORTCULLIS_REGISTRATION_ALLOW_IMPLICIT", "false", "Self-registered clients (and metadata documents) may use the implicit grant, response types id_token and id_token token; off because RFC 9700 §2.1.2 advises against it"),
    CIMD_ALLOW_PRIVATE("PORTCULLIS_CIMD_ALLOW_PRIVATE", "false", "Development only: client metadata document URLs may use http and point at loopback or private addresses"),
    EXTERNAL_LOGIN_URI("PORTCULLIS_EXTERNAL_LOGIN_URI", "", "Your own login page (http or https URL): a browser without a Portcullis session goes there with ?external_auth_id=..., and your backend completes the login (docs/external-login.md). Empty: Portcullis's own login page. /manage/v1 and the import file can override it"),
    PASSWORD_LOGIN("PORTCULLIS_PASSWORD_LOGIN", "true", "Portcullis's own password login and sign-up; false sends /login and /signup to the external login instead. /manage/v1 and the import file can override it"),
    DPOP_NONCES("PORTCULLIS_DPOP_NONCES", "off", "Where DPoP proofs must carry a server nonce (RFC 9449 §8, §9): off, token (the token endpoint) or all (the token endpoint, /v2 and userinfo); a proof without one is answered use_dpop_nonce and a DPoP-Nonce header"),
    DPOP_PROOF_WINDOW_SECONDS("PORTCULLIS_DPOP_PROOF_WINDOW_SECONDS", "60", "A DPoP proof's iat may lie this many seconds in the past or the future"),
    EVENT_RETENTION_DAYS("PORTCULLIS_EVENT_RETENTION_DAYS", "90", "Audit events older than this many days are deleted (hourly)"),
    EVENTS_SKIPPED("PORTCULLIS_EVENTS_SKIPPED", "", "Event types, comma-separated, that are neither stored nor sent to webhooks (e.g. token.issued on a busy token endpoint); every type is recorded by default"),
    WEBHOOKS_ALLOW_PRIVATE("PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE", "false", "Development only: webhook target URLs may be http and on private or loopback addresses"),
    WEBHOOK_RETRY_SECONDS("PORTCULLIS_WEBHOOK_RETRY_SECONDS", "5,300,1800,7200,18000,36000", "Seconds to wait before each retry of a failed webhook delivery (each ±20 %); after the last, the delivery fails (docs/webhooks.md)"),
    WEBHOOK_TIMEOUT_SECONDS("PORTCULLIS_WEBHOOK_TIMEOUT_SECONDS", "10", "A webhook delivery attempt that has no answer after this many seconds fails"),
    SMTP_HOST("PORTCULLIS_SMTP_HOST", "", "SMTP server that sends account mail (email verification, password reset); empty: development mode, each mail goes to the log and to DATA_DIR/mail/ instead (docs/account-security.md)"),
    SMTP_PORT("PORTCULLIS_SMTP_PORT", "", "SMTP port; empty: 587 for starttls, 465 for tls, 25 for none"),
    SMTP_TLS("PORTCULLIS_SMTP_TLS", "starttls", "How the SMTP connection is protected: starttls (required, not opportunistic), tls (implicit TLS, as on port 465) or none"),
    SMTP_USERNAME("PORTCULLIS_SMTP_USERNAME", "", "SMTP user name; empty: no SMTP authentication"),
    SMTP_PASSWORD("PORTCULLIS_SMTP_PASSWORD", "", "SMTP password, with SMTP_USERNAME"),
    SMTP_FROM("PORTCULLIS_SMTP_FROM", "", "The From address of account mail (e.g. `Acme <no-reply@acme.example>`); empty: no-reply@ the issuer's host"),
    REQUIRE_VERIFIED_EMAIL("PORTCULLIS_REQUIRE_VERIFIED_EMAIL", "false", "/authorize asks a user to verify their email address (the link in the mail sent at sign-up) before they can connect an app"),
    PASSWORD_RESETS_PER_HOUR("PORTCULLIS_PASSWORD_RESETS_PER_HOUR", "5", "Password-reset and verification mails per account per hour; per client address, four times as many"),
    REQUIRE_PAR("PORTCULLIS_REQUIRE_PAR", "false", "Every app must push its authorization requests to /oauth2/par first (RFC 9126 §5); /authorize then refuses a request without a request_uri from it. Apps can also require it one by one"),
    DEMO("PORTCULLIS_DEMO", "true", "Create demo user, workspace, app and API key on first start of an empty database");

    private final String env;
    private final String defaultValue;
    private final String description;

    Setting(String env, String defaultValue, String description) {
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String env() { return env; }
    public String defaultValue() { return defaultValue; }
    public String description() { return description; }
}

package dev.portcullis.exchange;

import java.time.Instant;
import java.util.Optional;

/**
 * A JWT bearer assertion that passed every check but the replay cache: who its issuer says the
 * user is, and what it asks for. {@code idJag}: typed {@code oauth-id-jag+jwt}.
 */
record Assertion(TrustedIssuer issuer, String subject, String jti, Instant expiresAt, Optional<String> email,
                 boolean emailVerified, Optional<String> scope, Optional<String> resource, Optional<String> workspace,
                 boolean idJag) {}

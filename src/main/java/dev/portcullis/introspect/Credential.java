package dev.portcullis.introspect;

import dev.portcullis.oauth.ScopeSet;
import dev.portcullis.secrets.TokenKind;
import java.time.Instant;
import java.util.Optional;

/**
 * An active credential: what a presented bearer string turned out to be. Sealed, so every
 * consumer switches over the kinds and a new kind (OAuth access or refresh token) does not
 * compile until each consumer handles it.
 */
public sealed interface Credential permits ApiKeyCredential {

    /** The workspace a credential is bound to, with what introspection reports about it. */
    record Workspace(String id, String name, String slug, Optional<String> logoUrl) {}

    /** The stored id of the credential (never the secret). */
    String id();

    TokenKind kind();

    ScopeSet scopes();

    Instant issuedAt();

    /** Empty when it never expires. */
    Optional<Instant> expiresAt();

    default boolean isActiveAt(Instant now) {
        return expiresAt().map(now::isBefore).orElse(true);
    }
}

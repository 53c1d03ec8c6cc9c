package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.TokenKind;
import java.time.Instant;
import java.util.Optional;

/**
 * An active credential: what a presented string turned out to be. Sealed, so every consumer
 * switches over the kinds and a new kind does not compile until each consumer handles it.
 */
public sealed interface Credential permits ApiKeyCredential, AccessTokenCredential, RefreshTokenCredential {

    /** The workspace a credential is bound to, with what introspection reports about it. */
    record Workspace(String id, String name, String slug, Optional<String> logoUrl) {}

    /**
     * The user's side of an OAuth token: the grant (token family) it came from and the
     * connection behind it, "user U, as member M, let the app into workspace W". {@code act}: for a
     * token obtained by token exchange, the RFC 8693 §4.1 actor chain as a JSON object.
     */
    record UserGrant(String grantId, String connectionId, String userId, String memberId, Workspace workspace,
                     Optional<String> act) {
        /** A grant the user gave the client directly: nobody else acts (RFC 8693 §4.1 {@code act} absent). */
        public UserGrant(String grantId, String connectionId, String userId, String memberId, Workspace workspace) {
            this(grantId, connectionId, userId, memberId, workspace, Optional.empty());
        }
    }

    /** The stored id of the credential (never the secret): it keys rate limits and last-used times. */
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

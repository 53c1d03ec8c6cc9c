package dev.portcullis.token;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.util.List;
import java.util.Optional;

/**
 * The audit events of token issuing, each one INSERT in the grant's own transaction. Data names
 * the grant and a prefix of the access token's stored hash, never a token.
 */
public final class TokenEvents {
    /** Hex characters of the stored hash kept: enough to find the row, too few to be the row's key. */
    public static final int HASH_PREFIX = 16;
    private final EventLog events;

    public TokenEvents(EventLog events) {
        this.events = events;
    }

    /** One token response: {@code workspaceId} when the grant is bound to one and known without a read. */
    public void issued(Tx tx, Actor actor, GrantType grantType, String clientId, List<String> scopes, Optional<String> grantId,
                       Optional<String> workspaceId, TokenIssuer.AccessDraft access) {
        EventDraft draft = EventDraft.of(EventType.TOKEN_ISSUED, actor)
                .inWorkspace(workspaceId.orElse(null))
                .about(grantId.isPresent() ? "grant" : "app", grantId.orElse(clientId))
                .with("grant_type", grantType.wireName())
                .with("client_id", clientId)
                .with("scopes", scopes)
                .with("grant_id", grantId.orElse(null))
                .with("access_token_hash_prefix", hashPrefix(access));
        events.record(tx, draft);
    }

    /** RFC 6749 §4.1.2: a code came back; its family was revoked in this same transaction. */
    void codeReused(Tx tx, Actor actor, String clientId, Optional<String> grantId) {
        events.record(tx, EventDraft.of(EventType.CODE_REUSED, actor)
                .about(grantId.isPresent() ? "grant" : "app", grantId.orElse(clientId))
                .with("client_id", clientId)
                .with("grant_id", grantId.orElse(null))
                .with("family_revoked", grantId.isPresent()));
    }

    /** RFC 9700 §4.14.2: a rotated-away refresh token came back; its family was revoked in this same transaction. */
    void refreshReused(Tx tx, Actor actor, String clientId, String grantId) {
        events.record(tx, EventDraft.of(EventType.REFRESH_REUSE_DETECTED, actor)
                .about("grant", grantId)
                .with("client_id", clientId)
                .with("grant_id", grantId)
                .with("family_revoked", true));
    }

    /** The first characters of the access token's row key (the SHA-256 of the opaque token or of the JWT's jti). */
    static String hashPrefix(TokenIssuer.AccessDraft access) {
        return access.rowKey().hex().substring(0, HASH_PREFIX);
    }
}

package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/**
 * The read side of OAuth tokens the resolver needs: one indexed lookup by token hash, joined
 * with the app (it must exist and have OAuth on) and, for user tokens, grant, connection and
 * workspace. A deleted app, grant or connection deletes the token rows by cascade, so "row
 * gone" is "revoked"; an app with OAuth turned off keeps its rows but they are not active.
 */
final class OAuthTokenCredentials {
    private static final String GRANT_COLUMNS = """
            g.id AS grant_id, c.id AS connection_id, c.user_id, c.membership_id, w.id AS workspace_id,
            w.name AS workspace_name, w.slug AS workspace_slug, w.logo_url AS workspace_logo_url""";
    private static final String ACCESS = "SELECT t.token_hash, t.app_id, t.scopes, t.resource, t.format, t.created_at, "
            + "t.expires_at, t.grant_id AS token_grant_id, a.oauth_enabled, " + GRANT_COLUMNS + """
             FROM access_tokens t
             JOIN apps a ON a.id = t.app_id
             LEFT JOIN grants g ON g.id = t.grant_id
             LEFT JOIN connections c ON c.id = g.connection_id
             LEFT JOIN workspaces w ON w.id = c.workspace_id
            WHERE t.token_hash = ? AND t.format = ?""";
    private static final String REFRESH = "SELECT r.token_hash, r.scopes, r.created_at, r.expires_at, "
            + "g.app_id, g.expires_at AS grant_expires_at, a.oauth_enabled, " + GRANT_COLUMNS + """
             FROM refresh_tokens r
             JOIN grants g ON g.id = r.grant_id
             JOIN apps a ON a.id = g.app_id
             JOIN connections c ON c.id = g.connection_id
             JOIN workspaces w ON w.id = c.workspace_id
            WHERE r.token_hash = ? AND r.used_at IS NULL""";

    private final ScopeCatalog scopes;

    OAuthTokenCredentials(ScopeCatalog scopes) {
        this.scopes = scopes;
    }

    /** {@code jwt} picks the row kind, so an opaque value can never match a JWT's row or the reverse. */
    Optional<AccessTokenCredential> findAccess(Tx tx, SecretHash hash, boolean jwt) {
        return tx.queryOne(ACCESS, this::access, hash.hex(), jwt ? "jwt" : "opaque").flatMap(found -> found);
    }

    /** Unused refresh tokens only; expiry (the token's or its grant's) is the caller's to check. */
    Optional<RefreshTokenCredential> findRefresh(Tx tx, SecretHash hash) {
        return tx.queryOne(REFRESH, this::refresh, hash.hex()).flatMap(found -> found);
    }

    private Optional<AccessTokenCredential> access(Row r) {
        if (!r.flag("oauth_enabled")) return Optional.empty();
        Optional<Credential.UserGrant> grant = grant(r);
        // A user token whose grant chain is gone is revoked, even if a cascade has not caught up.
        if (r.optionalText("token_grant_id").isPresent() && grant.isEmpty()) return Optional.empty();
        return Optional.of(new AccessTokenCredential(new SecretHash(r.text("token_hash")), r.text("app_id"), grant,
                scopes.stored(r.text("scopes")), r.optionalText("resource"), "jwt".equals(r.text("format")),
                r.instant("created_at"), r.optionalInstant("expires_at")));
    }

    private Optional<RefreshTokenCredential> refresh(Row r) {
        if (!r.flag("oauth_enabled")) return Optional.empty();
        Instant token = r.instant("expires_at");
        Instant family = r.instant("grant_expires_at");
        return Optional.of(new RefreshTokenCredential(new SecretHash(r.text("token_hash")), r.text("app_id"),
                grant(r).orElseThrow(), scopes.stored(r.text("scopes")), r.instant("created_at"),
                token.isBefore(family) ? token : family));
    }

    private static Optional<Credential.UserGrant> grant(Row r) {
        if (r.optionalText("workspace_id").isEmpty()) return Optional.empty();
        var workspace = new Credential.Workspace(r.text("workspace_id"), r.text("workspace_name"), r.text("workspace_slug"),
                r.optionalText("workspace_logo_url"));
        return Optional.of(new Credential.UserGrant(r.text("grant_id"), r.text("connection_id"), r.text("user_id"),
                r.text("membership_id"), workspace));
    }
}

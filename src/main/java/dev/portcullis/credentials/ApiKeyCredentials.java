package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.util.Optional;

/** The read side of API keys the resolver needs: one indexed lookup by key hash. */
final class ApiKeyCredentials {
    private static final String FIND = """
            SELECT k.id, k.scopes, k.created_by_user_id, k.created_at, k.expires_at,
                   w.id AS workspace_id, w.name AS workspace_name, w.slug AS workspace_slug,
                   w.logo_url AS workspace_logo_url, m.id AS member_id
              FROM api_keys k
              JOIN workspaces w ON w.id = k.workspace_id
              LEFT JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by_user_id
             WHERE k.key_hash = ?""";

    private final ScopeCatalog scopes;

    ApiKeyCredentials(ScopeCatalog scopes) {
        this.scopes = scopes;
    }

    Optional<ApiKeyCredential> find(Tx tx, SecretHash hash) {
        return tx.queryOne(FIND, this::map, hash.hex());
    }

    private ApiKeyCredential map(Row r) {
        var workspace = new Credential.Workspace(r.text("workspace_id"), r.text("workspace_name"),
                r.text("workspace_slug"), r.optionalText("workspace_logo_url"));
        return new ApiKeyCredential(r.text("id"), workspace, scopes.stored(r.text("scopes")),
                r.optionalText("created_by_user_id"), r.optionalText("member_id"),
                r.instant("created_at"), r.optionalInstant("expires_at"));
    }
}

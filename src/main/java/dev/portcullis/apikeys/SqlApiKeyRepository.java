package dev.portcullis.apikeys;

import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** {@link ApiKeyRepository} in one SQL for SQLite and PostgreSQL; scopes are space-separated. */
public final class SqlApiKeyRepository implements ApiKeyRepository {
    private static final String SELECT = "SELECT id, workspace_id, name, scopes, hint, created_by_user_id, created_at, "
            + "expires_at, last_used_at FROM api_keys ";
    private static final String CREDENTIAL = """
            SELECT k.id, k.scopes, k.created_by_user_id, k.created_at, k.expires_at,
                   w.id AS workspace_id, w.name AS workspace_name, w.slug AS workspace_slug,
                   w.logo_url AS workspace_logo_url, m.id AS member_id
              FROM api_keys k
              JOIN workspaces w ON w.id = k.workspace_id
              LEFT JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by_user_id
             WHERE k.key_hash = ?""";
    /** Ids per UPDATE, well under SQLite's and PostgreSQL's limits on bound parameters. */
    private static final int CHUNK = 500;

    @Override
    public void insert(Tx tx, ApiKey k, SecretHash hash) {
        tx.update("INSERT INTO api_keys (id, workspace_id, name, scopes, key_hash, hint, created_by_user_id, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                k.id(), k.workspaceId(), k.name(), String.join(" ", k.scopes()), hash.hex(), k.hint(),
                k.createdByUserId().orElse(null), k.createdAt(), k.expiresAt().orElse(null));
    }

    @Override
    public Optional<ApiKey> find(Tx tx, String workspaceId, String id) {
        return tx.queryOne(SELECT + "WHERE workspace_id = ? AND id = ?", SqlApiKeyRepository::key, workspaceId, id);
    }

    @Override
    public Optional<ApiKey> findByName(Tx tx, String workspaceId, String name) {
        return tx.queryOne(SELECT + "WHERE workspace_id = ? AND name = ?", SqlApiKeyRepository::key, workspaceId, name);
    }

    @Override
    public Optional<ApiKeyCredential> findCredential(Tx tx, SecretHash hash, ScopeCatalog scopes) {
        return tx.queryOne(CREDENTIAL, r -> credential(r, scopes), hash.hex());
    }

    @Override
    public void markUsed(Tx tx, Collection<String> keyIds, Instant at) {
        List<String> ids = List.copyOf(keyIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(at);
            args.addAll(chunk);
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            tx.update("UPDATE api_keys SET last_used_at = ? WHERE id IN (" + marks + ")", args.toArray());
        }
    }

    @Override
    public List<ApiKey> listByWorkspace(Tx tx, String workspaceId) {
        return tx.query(SELECT + "WHERE workspace_id = ? ORDER BY created_at, id", SqlApiKeyRepository::key, workspaceId);
    }

    @Override
    public boolean update(Tx tx, String id, String name, List<String> scopes, Optional<Instant> expiresAt) {
        return tx.update("UPDATE api_keys SET name = ?, scopes = ?, expires_at = ? WHERE id = ?",
                name, String.join(" ", scopes), expiresAt.orElse(null), id) == 1;
    }

    @Override
    public boolean delete(Tx tx, String id) {
        return tx.update("DELETE FROM api_keys WHERE id = ?", id) == 1;
    }

    private static ApiKeyCredential credential(Row r, ScopeCatalog scopes) {
        var workspace = new Credential.Workspace(r.text("workspace_id"), r.text("workspace_name"),
                r.text("workspace_slug"), r.optionalText("workspace_logo_url"));
        return new ApiKeyCredential(r.text("id"), workspace, scopes.stored(r.text("scopes")),
                r.optionalText("created_by_user_id"), r.optionalText("member_id"),
                r.instant("created_at"), r.optionalInstant("expires_at"));
    }

    private static ApiKey key(Row r) {
        String scopes = r.text("scopes");
        return new ApiKey(r.text("id"), r.text("workspace_id"), r.text("name"),
                scopes.isBlank() ? List.of() : Arrays.asList(scopes.trim().split(" +")), r.text("hint"),
                r.optionalText("created_by_user_id"), r.instant("created_at"), r.optionalInstant("expires_at"),
                r.optionalInstant("last_used_at"));
    }
}

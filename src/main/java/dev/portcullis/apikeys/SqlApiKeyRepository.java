package dev.portcullis.apikeys;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link ApiKeyRepository} in one SQL for SQLite and PostgreSQL; scopes are space-separated. */
public final class SqlApiKeyRepository implements ApiKeyRepository {
    private static final String SELECT = "SELECT id, workspace_id, name, scopes, hint, created_by_user_id, created_at, "
            + "expires_at, last_used_at FROM api_keys ";

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
    public Optional<ApiKey> findByHash(Tx tx, SecretHash hash) {
        return tx.queryOne(SELECT + "WHERE key_hash = ?", SqlApiKeyRepository::key, hash.hex());
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

    private static ApiKey key(Row r) {
        String scopes = r.text("scopes");
        return new ApiKey(r.text("id"), r.text("workspace_id"), r.text("name"),
                scopes.isBlank() ? List.of() : Arrays.asList(scopes.trim().split(" +")), r.text("hint"),
                r.optionalText("created_by_user_id"), r.instant("created_at"), r.optionalInstant("expires_at"),
                r.optionalInstant("last_used_at"));
    }
}

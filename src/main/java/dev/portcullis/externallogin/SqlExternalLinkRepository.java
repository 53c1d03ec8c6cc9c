package dev.portcullis.externallogin;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** {@link ExternalLinkRepository} in the SQL both databases speak (both have INSERT ... ON CONFLICT). */
public final class SqlExternalLinkRepository implements ExternalLinkRepository {

    @Override
    public Optional<String> userOf(Tx tx, String externalId) {
        return tx.queryOne("SELECT user_id FROM external_users WHERE external_id = ?", r -> r.text("user_id"), externalId);
    }

    @Override
    public void linkUser(Tx tx, String externalId, String userId, Optional<String> metadata, Instant now) {
        tx.update("INSERT INTO external_users (external_id, user_id, metadata, updated_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (external_id) DO UPDATE SET metadata = COALESCE(excluded.metadata, external_users.metadata), updated_at = excluded.updated_at",
                externalId, userId, metadata.orElse(null), now);
    }

    @Override
    public Optional<String> workspaceOf(Tx tx, String externalId) {
        return tx.queryOne("SELECT workspace_id FROM external_workspaces WHERE external_id = ?", r -> r.text("workspace_id"),
                externalId);
    }

    @Override
    public void linkWorkspace(Tx tx, String externalId, String workspaceId, Instant now) {
        tx.update("INSERT INTO external_workspaces (external_id, workspace_id, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (external_id) DO UPDATE SET updated_at = excluded.updated_at", externalId, workspaceId, now);
    }
}

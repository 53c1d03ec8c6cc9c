package dev.portcullis.mfa;

import dev.portcullis.storage.Tx;
import java.time.Instant;

/** Workspace second-factor requirements in SQL. */
public final class SqlWorkspaceRequirementRepository implements WorkspaceRequirementRepository {

    @Override
    public boolean require(Tx tx, String workspaceId, String byUserId, Instant now) {
        if (required(tx, workspaceId)) return false;
        return tx.update("INSERT INTO mfa_workspace_requirements (workspace_id, required_by, required_at) VALUES (?, ?, ?)",
                workspaceId, byUserId, now) == 1;
    }

    @Override
    public boolean release(Tx tx, String workspaceId) {
        return tx.update("DELETE FROM mfa_workspace_requirements WHERE workspace_id = ?", workspaceId) == 1;
    }

    @Override
    public boolean required(Tx tx, String workspaceId) {
        return tx.count("SELECT COUNT(*) AS n FROM mfa_workspace_requirements WHERE workspace_id = ?", workspaceId) > 0;
    }
}

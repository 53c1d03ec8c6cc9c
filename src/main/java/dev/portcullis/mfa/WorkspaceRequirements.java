package dev.portcullis.mfa;

import dev.portcullis.storage.Database;
import java.time.Clock;

/**
 * A workspace's admins may require a second factor of every member: then a member without one is
 * sent to enrol, and a single-factor session steps up, before an app is connected to the workspace
 * or its pages open. Who may change it is the caller's check (an admin of the workspace).
 */
public final class WorkspaceRequirements {
    private final Database db;
    private final WorkspaceRequirementRepository requirements;
    private final Clock clock;

    public WorkspaceRequirements(Database db, WorkspaceRequirementRepository requirements, Clock clock) {
        this.db = db;
        this.requirements = requirements;
        this.clock = clock;
    }

    public boolean required(String workspaceId) {
        return db.read(tx -> requirements.required(tx, workspaceId));
    }

    public void set(String workspaceId, boolean required, String byUserId) {
        db.inTransaction(tx -> required
                ? requirements.require(tx, workspaceId, byUserId, clock.instant())
                : requirements.release(tx, workspaceId));
    }
}

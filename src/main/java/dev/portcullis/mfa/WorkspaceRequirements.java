package dev.portcullis.mfa;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
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
    private final EventLog events;

    public WorkspaceRequirements(Database db, WorkspaceRequirementRepository requirements, Clock clock, EventLog events) {
        this.db = db;
        this.requirements = requirements;
        this.clock = clock;
        this.events = events;
    }

    public boolean required(String workspaceId) {
        return db.read(tx -> requirements.required(tx, workspaceId));
    }

    /** Sets it; an event only when it changed. An operator is stored as {@code operator}, an admin by their user id. */
    public void set(String workspaceId, boolean required, Actor actor) {
        String by = actor.kind() == Actor.Kind.USER ? actor.id().orElseThrow() : "operator";
        db.inTransaction(tx -> {
            boolean changed = required
                    ? requirements.require(tx, workspaceId, by, clock.instant())
                    : requirements.release(tx, workspaceId);
            if (changed) {
                events.record(tx, EventDraft.of(EventType.WORKSPACE_SECOND_FACTOR_CHANGED, actor).inWorkspace(workspaceId)
                        .about("workspace", workspaceId).with("required", required));
            }
            return changed;
        });
    }
}

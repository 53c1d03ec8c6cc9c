package dev.portcullis.mfa;

import dev.portcullis.storage.Tx;
import java.time.Instant;

/** Which workspaces require a second factor of their members. */
public interface WorkspaceRequirementRepository {

    /** Requires it; false when it already was. */
    boolean require(Tx tx, String workspaceId, String byUserId, Instant now);

    /** Stops requiring it; false when it was not. */
    boolean release(Tx tx, String workspaceId);

    boolean required(Tx tx, String workspaceId);
}

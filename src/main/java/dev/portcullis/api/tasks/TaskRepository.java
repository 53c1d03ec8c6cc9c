package dev.portcullis.api.tasks;

import dev.portcullis.api.Page;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tasks, always within one workspace: a task of another workspace is never seen nor touched. */
public interface TaskRepository {
    /** One page, oldest first, or newest first when {@code newestFirst}; ties by id, so pages neither overlap nor skip. */
    List<Task> list(Tx tx, String workspaceId, Page page, boolean newestFirst);

    Optional<Task> find(Tx tx, String workspaceId, String taskId);

    Task create(Tx tx, String workspaceId, String taskId, TaskFields fields, Instant now);

    /** Applies the given fields; empty when no such task in the workspace. */
    Optional<Task> update(Tx tx, String workspaceId, String taskId, TaskFields fields);

    boolean delete(Tx tx, String workspaceId, String taskId);

    /** Those of {@code memberIds} that are not members of the workspace. */
    List<String> notMembers(Tx tx, String workspaceId, List<String> memberIds);
}

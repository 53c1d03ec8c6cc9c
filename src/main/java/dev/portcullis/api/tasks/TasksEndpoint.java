package dev.portcullis.api.tasks;

import dev.portcullis.api.Page;
import dev.portcullis.api.PathIds;
import dev.portcullis.api.Principal;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/tasks}: list, get, create, update, delete within the caller's workspace. A task
 * of another workspace answers 404 exactly like a task that does not exist.
 */
public final class TasksEndpoint {
    private static final String NOT_FOUND = "Task not found";

    private final Database database;
    private final TaskRepository tasks;
    private final Ids ids;
    private final Clock clock;

    public TasksEndpoint(Database database, TaskRepository tasks, Ids ids, Clock clock) {
        this.database = database;
        this.tasks = tasks;
        this.ids = ids;
        this.clock = clock;
    }

    public void list(Principal principal, ServerRequest req, ServerResponse res) {
        Page page = Page.of(req);
        boolean newestFirst = newestFirst(Params.query(req));
        List<Task> found = database.read(tx -> tasks.list(tx, principal.workspaceId(), page, newestFirst));
        Json.send(res, 200, Map.of("data", found.stream().map(Task::toJson).toList()));
    }

    /** Attio's {@code sort}: {@code created_at:asc} (the default) or {@code created_at:desc}. */
    private static boolean newestFirst(Params query) {
        if (!query.has("sort")) return false;
        return switch (query.values().get("sort")) {
            case "created_at:asc" -> false;
            case "created_at:desc" -> true;
            default -> throw OAuthException.validation("sort", "sort must be created_at:asc or created_at:desc");
        };
    }

    public void get(Principal principal, ServerRequest req, ServerResponse res) {
        String id = PathIds.uuid(req, "task_id", NOT_FOUND);
        Task task = database.read(tx -> tasks.find(tx, principal.workspaceId(), id))
                .orElseThrow(() -> OAuthException.notFound(NOT_FOUND));
        Json.send(res, 200, Map.of("data", task.toJson()));
    }

    public void create(Principal principal, ServerRequest req, ServerResponse res) {
        TaskFields fields = TaskFields.forCreate(req);
        Task task = database.inTransaction(tx -> {
            checkAssignees(tx, principal, fields);
            return tasks.create(tx, principal.workspaceId(), ids.next(), fields, clock.instant());
        });
        Json.send(res, 200, Map.of("data", task.toJson()));
    }

    public void update(Principal principal, ServerRequest req, ServerResponse res) {
        String id = PathIds.uuid(req, "task_id", NOT_FOUND);
        TaskFields fields = TaskFields.forUpdate(req);
        Task task = database.inTransaction(tx -> {
            checkAssignees(tx, principal, fields);
            return tasks.update(tx, principal.workspaceId(), id, fields);
        }).orElseThrow(() -> OAuthException.notFound(NOT_FOUND));
        Json.send(res, 200, Map.of("data", task.toJson()));
    }

    public void delete(Principal principal, ServerRequest req, ServerResponse res) {
        String id = PathIds.uuid(req, "task_id", NOT_FOUND);
        boolean deleted = database.inTransaction(tx -> tasks.delete(tx, principal.workspaceId(), id));
        if (!deleted) throw OAuthException.notFound(NOT_FOUND);
        Json.send(res, 200, Map.of());
    }

    /** Assignees must be members of the caller's workspace; a foreign member id is a 400 naming it. */
    private void checkAssignees(Tx tx, Principal principal, TaskFields fields) {
        List<String> strangers = tasks.notMembers(tx, principal.workspaceId(), fields.assigneeIds().orElse(List.of()));
        if (!strangers.isEmpty()) {
            throw OAuthException.validation("assignees", "Not a member of this workspace: " + strangers.getFirst());
        }
    }
}

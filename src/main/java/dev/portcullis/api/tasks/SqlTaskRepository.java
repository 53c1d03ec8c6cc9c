package dev.portcullis.api.tasks;

import dev.portcullis.api.Page;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link TaskRepository} in one SQL for SQLite and PostgreSQL; every statement filters by workspace. */
public final class SqlTaskRepository implements TaskRepository {
    private static final String COLUMNS = "id, workspace_id, content_plaintext, deadline_at, is_completed, created_at";

    @Override
    public List<Task> list(Tx tx, String workspaceId, Page page, boolean newestFirst) {
        String order = newestFirst ? "created_at DESC, id DESC" : "created_at, id";
        List<Task> rows = tx.query("SELECT " + COLUMNS + " FROM tasks WHERE workspace_id = ? ORDER BY " + order + " LIMIT ? OFFSET ?",
                SqlTaskRepository::map, workspaceId, page.limit(), page.offset());
        return withAssignees(tx, rows);
    }

    @Override
    public Optional<Task> find(Tx tx, String workspaceId, String taskId) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM tasks WHERE workspace_id = ? AND id = ?",
                SqlTaskRepository::map, workspaceId, taskId).map(t -> withAssignees(tx, List.of(t)).getFirst());
    }

    @Override
    public Task create(Tx tx, String workspaceId, String taskId, TaskFields fields, Instant now) {
        tx.update("INSERT INTO tasks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", taskId, workspaceId,
                fields.content().orElseThrow(), fields.deadline().flatMap(d -> d).orElse(null),
                fields.completed().orElse(false), now);
        fields.assigneeIds().ifPresent(ids -> assign(tx, taskId, ids));
        return find(tx, workspaceId, taskId).orElseThrow();
    }

    @Override
    public Optional<Task> update(Tx tx, String workspaceId, String taskId, TaskFields fields) {
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        fields.content().ifPresent(c -> { sets.add("content_plaintext = ?"); args.add(c); });
        fields.deadline().ifPresent(d -> { sets.add("deadline_at = ?"); args.add(d.orElse(null)); });
        fields.completed().ifPresent(c -> { sets.add("is_completed = ?"); args.add(c); });
        // Touching the id row-locks the task even when only assignees change.
        sets.add("id = id");
        args.add(workspaceId);
        args.add(taskId);
        int changed = tx.update("UPDATE tasks SET " + String.join(", ", sets) + " WHERE workspace_id = ? AND id = ?", args.toArray());
        if (changed == 0) return Optional.empty();
        fields.assigneeIds().ifPresent(ids -> {
            tx.update("DELETE FROM task_assignees WHERE task_id = ?", taskId);
            assign(tx, taskId, ids);
        });
        return find(tx, workspaceId, taskId);
    }

    @Override
    public boolean delete(Tx tx, String workspaceId, String taskId) {
        return tx.update("DELETE FROM tasks WHERE workspace_id = ? AND id = ?", workspaceId, taskId) > 0;
    }

    @Override
    public List<String> notMembers(Tx tx, String workspaceId, List<String> memberIds) {
        if (memberIds.isEmpty()) return List.of();
        Object[] args = new Object[memberIds.size() + 1];
        args[0] = workspaceId;
        for (int i = 0; i < memberIds.size(); i++) args[i + 1] = memberIds.get(i);
        Set<String> found = new HashSet<>(tx.query("SELECT id FROM memberships WHERE workspace_id = ? AND id IN ("
                + marks(memberIds.size()) + ")", r -> r.text("id"), args));
        return memberIds.stream().filter(id -> !found.contains(id)).toList();
    }

    private static void assign(Tx tx, String taskId, List<String> memberIds) {
        for (String memberId : memberIds) {
            tx.update("INSERT INTO task_assignees (task_id, membership_id) VALUES (?, ?)", taskId, memberId);
        }
    }

    private static List<Task> withAssignees(Tx tx, List<Task> tasks) {
        if (tasks.isEmpty()) return tasks;
        record Assignee(String taskId, String memberId) {}
        List<Assignee> rows = tx.query("SELECT task_id, membership_id FROM task_assignees WHERE task_id IN ("
                + marks(tasks.size()) + ") ORDER BY membership_id",
                r -> new Assignee(r.text("task_id"), r.text("membership_id")), tasks.stream().map(Task::id).toArray());
        Map<String, List<String>> byTask = new HashMap<>();
        rows.forEach(a -> byTask.computeIfAbsent(a.taskId(), k -> new ArrayList<>()).add(a.memberId()));
        return tasks.stream().map(t -> new Task(t.id(), t.workspaceId(), t.content(), t.deadline(), t.completed(),
                List.copyOf(byTask.getOrDefault(t.id(), List.of())), t.createdAt())).toList();
    }

    private static Task map(Row r) {
        return new Task(r.text("id"), r.text("workspace_id"), r.text("content_plaintext"), r.optionalInstant("deadline_at"),
                r.flag("is_completed"), List.of(), r.instant("created_at"));
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}

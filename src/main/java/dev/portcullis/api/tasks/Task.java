package dev.portcullis.api.tasks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A task as stored; {@code assigneeIds} are membership ids of the task's workspace. */
record Task(String id, String workspaceId, String content, Optional<Instant> deadline, boolean completed,
            List<String> assigneeIds, Instant createdAt) {

    /** The wire shape documented in docs/api.md. */
    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("content_plaintext", content);
        out.put("deadline_at", deadline.map(Instant::toString).orElse(null));
        out.put("is_completed", completed);
        out.put("assignees", assigneeIds.stream().map(m -> Map.of("workspace_member_id", m)).toList());
        out.put("created_at", createdAt.toString());
        return out;
    }
}

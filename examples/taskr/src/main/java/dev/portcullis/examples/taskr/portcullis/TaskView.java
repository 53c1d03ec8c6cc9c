package dev.portcullis.examples.taskr.portcullis;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task as the home page shows it. Built defensively from the /v2 JSON: a missing field
 * gives an empty text, "not completed", or an "Unknown" assignee, never an error.
 */
public record TaskView(String text, boolean completed, String deadline, List<String> assignees) {
    static final String UNKNOWN = "Unknown";

    static List<TaskView> fromApi(JsonNode tasks, Map<String, String> memberNames) {
        List<TaskView> out = new ArrayList<>();
        for (JsonNode task : tasks.path("data")) {
            List<String> assignees = new ArrayList<>();
            for (JsonNode assignee : task.path("assignees")) {
                assignees.add(memberId(assignee).map(memberNames::get).or(() -> name(assignee)).orElse(UNKNOWN));
            }
            out.add(new TaskView(task.path("content_plaintext").asText(""), task.path("is_completed").asBoolean(false),
                    deadline(task.path("deadline_at")), List.copyOf(assignees)));
        }
        return out;
    }

    static boolean anyAssignees(JsonNode tasks) {
        for (JsonNode task : tasks.path("data")) if (!task.path("assignees").isEmpty()) return true;
        return false;
    }

    /** Member id to display name, from {@code GET /v2/workspace_members}. */
    static Map<String, String> memberNames(JsonNode members) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode member : members.path("data")) {
            memberId(member.get("id")).ifPresent(id -> names.put(id, name(member).orElse(UNKNOWN)));
        }
        return names;
    }

    /** A member id given as a string, or inside an object as Portcullis or Attio spell it. */
    static Optional<String> memberId(JsonNode node) {
        if (node == null || node.isNull()) return Optional.empty();
        if (node.isTextual()) return Optional.of(node.asText()).filter(s -> !s.isEmpty());
        for (String field : List.of("workspace_member_id", "referenced_actor_id", "id")) {
            Optional<String> id = memberId(node.get(field));
            if (id.isPresent()) return id;
        }
        return Optional.empty();
    }

    static Optional<String> name(JsonNode node) {
        String name = node.path("name").asText("").strip();
        if (name.isEmpty()) name = (node.path("first_name").asText("") + " " + node.path("last_name").asText("")).strip();
        return Optional.of(name).filter(n -> !n.isEmpty());
    }

    /** The date part of an RFC 3339 deadline, or null when there is none or it does not parse. */
    private static String deadline(JsonNode node) {
        if (!node.isTextual()) return null;
        try {
            return OffsetDateTime.parse(node.asText()).toLocalDate().toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

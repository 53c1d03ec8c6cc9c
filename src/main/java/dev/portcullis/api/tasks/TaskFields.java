package dev.portcullis.api.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.PathIds;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.JsonBody;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a create or update request gives; empty means "not given". {@code deadline} holds
 * an inner empty when the request set it to null (no deadline).
 */
record TaskFields(Optional<String> content, Optional<Optional<Instant>> deadline, Optional<Boolean> completed,
                  Optional<List<String>> assigneeIds) {
    static final int MAX_CONTENT = 10_000;
    static final int MAX_ASSIGNEES = 50;
    private static final Set<String> FIELDS = Set.of("content_plaintext", "deadline_at", "is_completed", "assignees");

    static TaskFields forCreate(ServerRequest req) {
        TaskFields fields = read(body(req));
        if (fields.content.isEmpty()) throw OAuthException.validation("content_plaintext", "content_plaintext is required");
        return fields;
    }

    static TaskFields forUpdate(ServerRequest req) {
        return read(body(req));
    }

    /** A JSON object, bare or wrapped in {@code {"data": {...}}} as the documented API's requests are. */
    private static JsonBody body(ServerRequest req) {
        return JsonBody.read(req, OAuthError.InvalidRequest::new).unwrap("data");
    }

    private static TaskFields read(JsonBody body) {
        body.allowOnly(FIELDS);
        if (body.isNull("content_plaintext")) throw OAuthException.validation("content_plaintext", "content_plaintext must be a string");
        if (body.isNull("is_completed")) throw OAuthException.validation("is_completed", "is_completed must be true or false");
        if (body.isNull("assignees")) throw OAuthException.validation("assignees", "assignees must be an array");
        Optional<Optional<Instant>> deadline = body.has("deadline_at")
                ? Optional.of(body.instantOrNull("deadline_at")) : Optional.empty();
        Optional<List<String>> assignees = body.list("assignees", MAX_ASSIGNEES, TaskFields::memberId)
                .map(ids -> List.copyOf(new LinkedHashSet<>(ids)));
        return new TaskFields(body.text("content_plaintext", MAX_CONTENT), deadline, body.bool("is_completed"), assignees);
    }

    /** An assignee: a workspace member id, bare or as {@code {"workspace_member_id": "..."}}. */
    private static String memberId(JsonNode node) {
        JsonNode id = node.isObject() && node.size() == 1 ? node.get("workspace_member_id") : node;
        if (id == null || !id.isTextual() || !PathIds.isUuid(id.textValue())) {
            throw OAuthException.validation("assignees",
                    "assignees must hold workspace member ids, or objects {\"workspace_member_id\": id}");
        }
        return id.textValue();
    }
}

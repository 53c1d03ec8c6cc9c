package dev.portcullis.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.events.Event;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body of a delivery: the event as the audit log's readers see it ({@code id},
 * {@code type}, {@code occurred_at} in RFC 3339, {@code actor}, {@code workspace_id},
 * {@code target}, {@code data}). Written once, when the delivery is queued, so every retry sends
 * the same bytes.
 */
final class WebhookPayload {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private WebhookPayload() {}

    static String of(Event event) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", event.actor().kind().wireName());
        actor.put("id", event.actor().id().orElse(null));
        actor.put("ip_address", event.actor().address().orElse(null));
        actor.put("user_agent", event.actor().userAgent().orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type().wireName());
        body.put("occurred_at", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
        body.put("actor", actor);
        body.put("workspace_id", event.workspaceId().orElse(null));
        body.put("target", event.target().map(t -> Map.of("type", t.kind(), "id", t.id())).orElse(null));
        body.put("data", new TreeMap<>(event.data()));
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data is always JSON", e);
        }
    }
}

package dev.portcullis.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventJson;

/**
 * The JSON body of a delivery: the event exactly as {@code GET /manage/v1/events} shows it
 * ({@link EventJson}). Written once, when the delivery is queued, so every retry sends the same bytes.
 */
final class WebhookPayload {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private WebhookPayload() {}

    static String of(Event event) {
        try {
            return MAPPER.writeValueAsString(EventJson.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data is always JSON", e);
        }
    }
}

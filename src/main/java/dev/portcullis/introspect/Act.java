package dev.portcullis.introspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** RFC 8693 §4.1 {@code act}, stored as JSON by the token exchange, shown as an object in introspection. */
final class Act {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Act() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored act is not JSON", e);
        }
    }
}

package dev.portcullis.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape of an event: {@code GET /manage/v1/events} answers it and it is the body
 * of a webhook delivery. snake_case, RFC 3339 times, absent values left out
 * (docs/events.md).
 */
public final class EventJson {
    private EventJson() {}

    public static Map<String, Object> of(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type().wireName());
        m.put("occurred_at", e.occurredAt().toString());
        m.put("actor", actor(e.actor()));
        e.workspaceId().ifPresent(w -> m.put("workspace_id", w));
        e.target().ifPresent(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("type", t.kind());
            target.put("id", t.id());
            m.put("target", target);
        });
        m.put("data", e.data());
        return m;
    }

    private static Map<String, Object> actor(Actor a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", a.kind().wireName());
        a.id().ifPresent(id -> m.put("id", id));
        a.address().ifPresent(ip -> m.put("ip_address", ip));
        a.userAgent().ifPresent(ua -> m.put("user_agent", ua));
        return m;
    }
}

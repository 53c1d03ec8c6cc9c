package dev.portcullis.webhooks;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The JSON of endpoints and deliveries, the same under /manage/v1 and /v2/webhooks; a secret appears only when given. */
public final class WebhookViews {
    private WebhookViews() {}

    public static Map<String, Object> endpoint(WebhookEndpoint e, Optional<WebhookSecret> secret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("workspace_id", e.workspaceId().orElse(null));
        view.put("target_url", e.targetUrl().toString());
        view.put("event_types", List.copyOf(new TreeSet<>(e.eventTypes())));
        view.put("enabled", e.enabled());
        view.put("created_at", time(e.createdAt()));
        view.put("updated_at", time(e.updatedAt()));
        secret.ifPresent(s -> view.put("secret", s.reveal()));
        return view;
    }

    public static Map<String, Object> delivery(Webhooks.DeliveryLog log) {
        Delivery d = log.delivery();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("event_id", d.eventId());
        view.put("event_type", d.eventType());
        view.put("status", d.status().wireName());
        view.put("next_attempt_at", d.nextAttemptAt().map(WebhookViews::time).orElse(null));
        view.put("created_at", time(d.createdAt()));
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (Delivery.Attempt a : log.attempts()) {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("attempt", a.attempt());
            attempt.put("attempted_at", time(a.attemptedAt()));
            attempt.put("status_code", a.statusCode().orElse(null));
            attempt.put("error", a.error().orElse(null));
            attempt.put("duration_ms", a.durationMs());
            attempts.add(attempt);
        }
        view.put("attempts", attempts);
        return view;
    }

    private static String time(java.time.Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}

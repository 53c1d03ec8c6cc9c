package dev.portcullis.webhooks;

import dev.portcullis.events.Event;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The webhook outbox in SQL: PostgreSQL instances claim with SKIP LOCKED, and every claim is a lease. */
public final class SqlDeliveryRepository implements DeliveryRepository {
    private static final String COLUMNS = "id, endpoint_id, event_id, event_type, payload, status, attempts, failures, "
            + "next_attempt_at, first_attempt_at, created_at";

    @Override
    public void enqueue(Tx tx, Delivery d) {
        tx.update("INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, failures, "
                        + "next_attempt_at, first_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), d.endpointId(), d.eventId(), d.eventType(), d.payload(), d.status().name(), d.attempts(), d.failures(),
                d.nextAttemptAt().orElse(null), d.firstAttemptAt().orElse(null), d.createdAt());
    }

    @Override
    public int enqueueForSubscribers(Tx tx, Event e, String payload) {
        return tx.update("INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, failures, "
                        + "next_attempt_at, created_at) SELECT ? || id, id, ?, ?, ?, ?, 0, 0, ?, ? FROM webhook_endpoints "
                        + "WHERE enabled = ? AND (workspace_id IS NULL OR workspace_id = ?) "
                        + "AND ((' ' || event_types || ' ') LIKE ? ESCAPE '\\' OR (' ' || event_types || ' ') LIKE ? ESCAPE '\\')",
                "msg_" + e.id().replace("-", "") + "_", e.id(), e.type().wireName(), payload, Delivery.Status.PENDING.name(),
                e.occurredAt(), e.occurredAt(), true, e.workspaceId().orElse(null), word(WebhookEndpoint.ALL), word(e.type().wireName()));
    }

    /** A LIKE pattern matching {@code word} as one of a space-separated list padded with spaces. */
    private static String word(String word) {
        return "% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %";
    }

    @Override
    public List<Delivery> claim(Tx tx, Instant now, Instant lockedUntil, int limit) {
        return tx.query("UPDATE webhook_deliveries SET locked_until = ?, first_attempt_at = COALESCE(first_attempt_at, ?) "
                        + "WHERE id IN (SELECT id FROM webhook_deliveries WHERE next_attempt_at <= ? "
                        + "AND (locked_until IS NULL OR locked_until <= ?) ORDER BY next_attempt_at LIMIT ?"
                        + tx.dialect().skipLocked() + ") RETURNING " + COLUMNS,
                SqlDeliveryRepository::delivery, lockedUntil, now, now, now, limit);
    }

    @Override
    public void complete(Tx tx, Delivery.Attempt a, Optional<Instant> retryAt) {
        tx.update("INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", a.deliveryId(), a.attempt(), a.attemptedAt(), a.statusCode().orElse(null),
                a.error().orElse(null), a.durationMs());
        if (a.succeeded()) {
            tx.update("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, failures = 0, next_attempt_at = NULL, "
                    + "locked_until = NULL WHERE id = ?", Delivery.Status.DELIVERED.name(), a.deliveryId());
        } else {
            Delivery.Status status = retryAt.isPresent() ? Delivery.Status.PENDING : Delivery.Status.FAILED;
            tx.update("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, failures = failures + 1, "
                    + "next_attempt_at = ?, locked_until = NULL WHERE id = ?", status.name(), retryAt.orElse(null), a.deliveryId());
        }
    }

    @Override
    public boolean replay(Tx tx, String id, Instant now) {
        return tx.update("UPDATE webhook_deliveries SET status = ?, failures = 0, next_attempt_at = ?, first_attempt_at = NULL "
                        + "WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)",
                Delivery.Status.PENDING.name(), now, id, now) == 1;
    }

    @Override
    public Optional<Delivery> find(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?", SqlDeliveryRepository::delivery, id);
    }

    @Override
    public List<Delivery> ofEndpoint(Tx tx, String endpointId, int limit) {
        return tx.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                SqlDeliveryRepository::delivery, endpointId, limit);
    }

    @Override
    public List<Delivery.Attempt> attempts(Tx tx, String deliveryId) {
        return tx.query("SELECT delivery_id, attempt, attempted_at, status_code, error, duration_ms FROM webhook_attempts "
                + "WHERE delivery_id = ? ORDER BY attempt", r -> new Delivery.Attempt(r.text("delivery_id"), (int) r.number("attempt"),
                r.instant("attempted_at"), r.optionalNumber("status_code").map(Long::intValue), r.optionalText("error"),
                r.number("duration_ms")), deliveryId);
    }

    @Override
    public boolean succeededSince(Tx tx, String endpointId, Instant since) {
        return tx.count("SELECT COUNT(*) AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id "
                + "WHERE d.endpoint_id = ? AND a.attempted_at >= ? AND a.status_code >= 200 AND a.status_code < 300", endpointId, since) > 0;
    }

    private static Delivery delivery(Row r) {
        return new Delivery(r.text("id"), r.text("endpoint_id"), r.text("event_id"), r.text("event_type"), r.text("payload"),
                Delivery.Status.valueOf(r.text("status")), (int) r.number("attempts"), (int) r.number("failures"),
                r.optionalInstant("next_attempt_at"), r.optionalInstant("first_attempt_at"), r.instant("created_at"));
    }
}

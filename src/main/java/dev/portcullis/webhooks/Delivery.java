package dev.portcullis.webhooks;

import java.time.Instant;
import java.util.Optional;

/**
 * One event queued for one endpoint. Its {@code id} is the {@code webhook-id} header of every
 * attempt, retry and replay alike, so a receiver can drop what it has already seen.
 * {@code failures} counts the failed attempts since the last success or replay (the retry step).
 */
public record Delivery(String id, String endpointId, String eventId, String eventType, String payload, Status status,
                       int attempts, int failures, Optional<Instant> nextAttemptAt, Optional<Instant> firstAttemptAt,
                       Instant createdAt) {

    public enum Status {
        /** Due now or at {@code nextAttemptAt}. */
        PENDING,
        /** A 2xx answered. */
        DELIVERED,
        /** Every retry failed; a replay queues it again. */
        FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One POST of a delivery: the HTTP status, or the kind of error when there was no answer. */
    public record Attempt(String deliveryId, int attempt, Instant attemptedAt, Optional<Integer> statusCode, Optional<String> error,
                          long durationMs) {
        public boolean succeeded() {
            return statusCode.filter(code -> code >= 200 && code < 300).isPresent();
        }
    }
}

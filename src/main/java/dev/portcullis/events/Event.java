package dev.portcullis.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable audit event. {@code data} holds a few small facts (scopes, a grant type, a
 * reason); never a secret or a token value, only ids or hashed prefixes of them.
 */
public record Event(String id, EventType type, Instant occurredAt, Actor actor, Optional<String> workspaceId,
                    Optional<Target> target, Map<String, Object> data) {

    /** What the act was done to: {@code kind} names the thing ({@code app}, {@code api_key}, {@code user}, ...). */
    public record Target(String kind, String id) {
        public Target {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(id);
        }
    }

    public Event {
        data = Map.copyOf(data);
    }
}

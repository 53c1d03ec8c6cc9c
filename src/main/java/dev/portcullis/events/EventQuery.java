package dev.portcullis.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over the log, newest first: by types (empty: all), workspace, actor, a user involved
 * (as actor or target), a time range ({@code from} inclusive, {@code until} exclusive), and the
 * cursor of the last event of the previous page.
 */
public record EventQuery(Set<EventType> types, Optional<String> workspaceId, Optional<String> actorId,
                         Optional<String> involving, Optional<Instant> from, Optional<Instant> until,
                         Optional<Cursor> after, int limit) {
    public static final int MAX_LIMIT = 200;

    public EventQuery {
        types = Set.copyOf(types);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }

    public static EventQuery newest(int limit) {
        return new EventQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }

    public EventQuery ofTypes(Set<EventType> types) {
        return new EventQuery(types, workspaceId, actorId, involving, from, until, after, limit);
    }

    public EventQuery inWorkspace(String workspace) {
        return new EventQuery(types, Optional.of(workspace), actorId, involving, from, until, after, limit);
    }

    public EventQuery byActor(String actor) {
        return new EventQuery(types, workspaceId, Optional.of(actor), involving, from, until, after, limit);
    }

    public EventQuery involving(String id) {
        return new EventQuery(types, workspaceId, actorId, Optional.of(id), from, until, after, limit);
    }

    public EventQuery between(Optional<Instant> from, Optional<Instant> until) {
        return new EventQuery(types, workspaceId, actorId, involving, from, until, after, limit);
    }

    public EventQuery after(Cursor cursor) {
        return new EventQuery(types, workspaceId, actorId, involving, from, until, Optional.of(cursor), limit);
    }

    /** Where a page ended: the last event's time and id (ids break ties in one millisecond). Opaque to clients. */
    public record Cursor(Instant occurredAt, String id) {
        public static Cursor of(Event e) {
            return new Cursor(e.occurredAt(), e.id());
        }

        public String encode() {
            String raw = occurredAt.toEpochMilli() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Empty for anything this server did not write. */
        public static Optional<Cursor> decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                if (colon < 1 || colon == raw.length() - 1) return Optional.empty();
                return Optional.of(new Cursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                        raw.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** One page: the events and, when more remain, the cursor for the next. */
    public record Page(java.util.List<Event> events, Optional<Cursor> next) {}
}

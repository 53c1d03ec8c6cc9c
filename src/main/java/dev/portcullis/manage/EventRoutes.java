package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;

import dev.portcullis.error.OAuthException;
import dev.portcullis.events.EventJson;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /manage/v1/events}: the audit log, newest first, a page at a time (docs/events.md).
 * Every filter is checked before the read: an unknown type, a malformed time, limit or cursor,
 * an unknown or repeated parameter is 400 naming it.
 */
public final class EventRoutes {
    static final int DEFAULT_LIMIT = 50;
    private static final Set<String> PARAMETERS = Set.of("type", "workspace_id", "actor_id", "from", "until", "limit", "cursor");

    private final EventLog events;

    public EventRoutes(EventLog events) {
        this.events = events;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.get(BASE + "/events", g.guarded(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        EventQuery.Page page = events.page(query(req.query()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.events().stream().map(EventJson::of).toList());
        page.next().ifPresent(c -> body.put("next_cursor", c.encode()));
        Json.send(res, 200, body);
    }

    static EventQuery query(Parameters q) {
        for (String name : q.names()) {
            if (!PARAMETERS.contains(name)) {
                throw OAuthException.validation(name, "Unknown parameter; the filters are " + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (!name.equals("type") && q.all(name).size() > 1) throw OAuthException.validation(name, "Give " + name + " at most once");
        }
        EventQuery query = EventQuery.newest(one(q, "limit").map(EventRoutes::limit).orElse(DEFAULT_LIMIT))
                .ofTypes(types(q.all("type", List::of)));
        Optional<String> workspace = one(q, "workspace_id");
        if (workspace.isPresent()) query = query.inWorkspace(workspace.get());
        Optional<String> actor = one(q, "actor_id");
        if (actor.isPresent()) query = query.byActor(actor.get());
        Optional<Instant> from = one(q, "from").map(v -> time("from", v));
        Optional<Instant> until = one(q, "until").map(v -> time("until", v));
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw OAuthException.validation("until", "must be later than from");
        }
        query = query.between(from, until);
        Optional<String> cursor = one(q, "cursor");
        if (cursor.isPresent()) query = query.after(cursor(cursor.get()));
        return query;
    }

    /** A present parameter must have a value: {@code ?limit=} is a mistake, not "no limit". */
    private static Optional<String> one(Parameters q, String name) {
        if (!q.contains(name)) return Optional.empty();
        String value = q.get(name).strip();
        if (value.isEmpty()) throw OAuthException.validation(name, "must not be empty");
        return Optional.of(value);
    }

    /** {@code type} repeated, comma-separated, or both; every name must be a known type. */
    private static Set<EventType> types(List<String> values) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                types.add(EventType.byWireName(name.strip()).orElseThrow(() -> OAuthException.validation("type",
                        "Unknown event type '" + name.strip() + "'; see docs/events.md for the list")));
            }
        }
        return types;
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= EventQuery.MAX_LIMIT) return limit;
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw OAuthException.validation("limit", "must be a whole number from 1 to " + EventQuery.MAX_LIMIT);
    }

    /** RFC 3339 with an offset ({@code Z} or {@code +01:00}). */
    private static Instant time(String field, String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw OAuthException.validation(field, "must be an RFC 3339 time such as 2026-12-04T09:30:00Z");
        }
    }

    private static EventQuery.Cursor cursor(String value) {
        return EventQuery.Cursor.decode(value)
                .orElseThrow(() -> OAuthException.validation("cursor", "Unknown cursor; pass next_cursor of the previous page as it is"));
    }
}

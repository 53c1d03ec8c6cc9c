package dev.portcullis.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.storage.Appends;
import dev.portcullis.storage.DatabaseException;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events in SQL; {@code data} as a JSON text column, the same on both databases. */
public final class SqlEventRepository implements EventRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};
    private static final String COLUMNS = "id, type, occurred_at, actor_kind, actor_id, actor_address, actor_user_agent, "
            + "workspace_id, target_kind, target_id, data";

    /** Written with the transaction's other appends at its end ({@link Appends}): nothing reads an event in its own transaction. */
    private static final Appends EVENTS = Appends.log("events", List.of(COLUMNS.split(", ")));

    @Override
    public void insert(Tx tx, Event e) {
        tx.appendLater(EVENTS, e.id(), e.type().wireName(), e.occurredAt(), e.actor().kind().wireName(), e.actor().id().orElse(null),
                e.actor().address().orElse(null), e.actor().userAgent().orElse(null), e.workspaceId().orElse(null),
                e.target().map(Event.Target::kind).orElse(null), e.target().map(Event.Target::id).orElse(null), json(e.data()));
    }

    @Override
    public List<Event> find(Tx tx, EventQuery q, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!q.types().isEmpty()) {
            where.append(" AND type IN (").append("?, ".repeat(q.types().size() - 1)).append("?)");
            q.types().stream().map(EventType::wireName).sorted().forEach(args::add);
        }
        q.workspaceId().ifPresent(w -> clause(where, args, " AND workspace_id = ?", w));
        q.actorId().ifPresent(a -> clause(where, args, " AND actor_id = ?", a));
        q.involving().ifPresent(u -> {
            where.append(" AND (actor_id = ? OR (target_kind = 'user' AND target_id = ?))");
            args.add(u);
            args.add(u);
        });
        // An id starts with its event's millisecond (EventIds), so id order is time order and the
        // primary key alone serves time ranges, cursors and the newest-first sort.
        q.from().ifPresent(f -> clause(where, args, " AND id >= ?", EventIds.lowestAt(f)));
        q.until().ifPresent(u -> clause(where, args, " AND id < ?", EventIds.lowestAt(u)));
        q.after().ifPresent(c -> clause(where, args, " AND id < ?", c.id()));
        args.add(limit);
        return tx.query("SELECT " + COLUMNS + " FROM events" + where + " ORDER BY id DESC LIMIT ?",
                SqlEventRepository::event, args.toArray());
    }

    @Override
    public int deleteOlderThan(Tx tx, Instant cutoff, int batch) {
        return tx.update("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id < ? LIMIT ?)", EventIds.lowestAt(cutoff), batch);
    }

    private static void clause(StringBuilder where, List<Object> args, String sql, Object value) {
        where.append(sql);
        args.add(value);
    }

    private static Event event(Row r) {
        Actor actor = new Actor(Actor.Kind.byWireName(r.text("actor_kind")), r.optionalText("actor_id"),
                r.optionalText("actor_address"), r.optionalText("actor_user_agent"));
        Optional<Event.Target> target = r.optionalText("target_kind")
                .map(kind -> new Event.Target(kind, r.text("target_id")));
        EventType type = EventType.byWireName(r.text("type"))
                .orElseThrow(() -> new DatabaseException("unknown event type in the log", null));
        return new Event(r.text("id"), type, r.instant("occurred_at"), actor, r.optionalText("workspace_id"), target,
                data(r.text("data")));
    }

    /**
     * Written with the streaming generator rather than the mapper: every token writes an event,
     * and data holds only the few value types {@link EventDraft#with} admits.
     */
    static String json(Map<String, Object> data) {
        StringWriter out = new StringWriter(32 + 48 * data.size());
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> fact : data.entrySet()) {
                g.writeFieldName(fact.getKey());
                value(g, fact.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new DatabaseException("event data is not JSON", e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case String text -> g.writeString(text);
            case Boolean flag -> g.writeBoolean(flag);
            case Integer n -> g.writeNumber(n);
            case Long n -> g.writeNumber(n);
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) value(g, item);
                g.writeEndArray();
            }
            default -> g.writeObject(value); // other numbers: the mapper's own way
        }
    }

    private static Map<String, Object> data(String json) {
        try {
            return JSON.readValue(json, DATA);
        } catch (JsonProcessingException e) {
            throw new DatabaseException("event data is not JSON", e);
        }
    }
}

package dev.portcullis.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.Core;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import java.util.List;
import java.util.Optional;

/** The audit log as a test reads it back: through the EventLog, and the raw {@code data} column. */
public final class Recorded {
    private Recorded() {}

    /** Every event, oldest first. */
    public static List<Event> all(Core core) {
        return core.events().page(EventQuery.newest(EventQuery.MAX_LIMIT)).events().reversed();
    }

    public static List<Event> of(Core core, EventType type) {
        return all(core).stream().filter(e -> e.type() == type).toList();
    }

    /** The one event of {@code type}; fails when there is none or more. */
    public static Event one(Core core, EventType type) {
        List<Event> found = of(core, type);
        assertEquals(1, found.size(), () -> type + " events: " + found);
        return found.getFirst();
    }

    /** Every event's data column as stored, joined: for asserting that no secret is in it. */
    public static String rawData(Core core) {
        List<String> rows = core.database().read(tx -> tx.query("SELECT data FROM events", r -> r.text("data")));
        return String.join("\n", rows);
    }

    /** {@code kind:id} of the event's target, or "" without one. */
    public static String target(Event e) {
        return e.target().map(t -> t.kind() + ":" + t.id()).orElse("");
    }

    public static Optional<String> actorId(Event e) {
        return e.actor().id();
    }
}

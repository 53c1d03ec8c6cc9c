package dev.portcullis.events;

import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one way to write an event: inside the caller's transaction, so the event exists exactly
 * when the change it describes does; each sink (the webhook outbox) sees it in that same
 * transaction. Reading is newest first, a page at a time. Types the operator skips
 * ({@code PORTCULLIS_EVENTS_SKIPPED}) are neither stored nor handed to a sink.
 */
public final class EventLog {
    private final Database database;
    private final EventRepository repository;
    private final EventIds ids;
    private final Clock clock;
    private final List<EventSink> sinks;
    private final Set<EventType> skipped;

    public EventLog(Database database, EventRepository repository, SecureRandom random, Clock clock, List<EventSink> sinks,
                    Set<EventType> skipped) {
        this.database = database;
        this.repository = repository;
        this.ids = new EventIds(clock, random);
        this.clock = clock;
        this.sinks = List.copyOf(sinks);
        this.skipped = skipped.isEmpty() ? Set.of() : EnumSet.copyOf(skipped);
    }

    /** The event as stored, or empty when its type is skipped. */
    public Optional<Event> record(Tx tx, EventDraft draft) {
        if (skipped.contains(draft.type())) return Optional.empty();
        EventIds.Stamp stamp = ids.next();
        Event event = new Event(stamp.id(), draft.type(), Instant.ofEpochMilli(stamp.millis()), draft.actor(), draft.workspaceId(),
                draft.target(), draft.data());
        repository.insert(tx, event);
        for (EventSink sink : sinks) sink.recorded(tx, event);
        return Optional.of(event);
    }

    /** For acts that change nothing else (a failed login, a logout): the event is its own transaction. */
    public Optional<Event> record(EventDraft draft) {
        return database.inTransaction(tx -> record(tx, draft));
    }

    public EventQuery.Page page(EventQuery query) {
        List<Event> rows = database.read(tx -> repository.find(tx, query, query.limit() + 1));
        if (rows.size() <= query.limit()) return new EventQuery.Page(rows, Optional.empty());
        List<Event> page = rows.subList(0, query.limit());
        return new EventQuery.Page(List.copyOf(page), Optional.of(EventQuery.Cursor.of(page.getLast())));
    }

    /** Deletes one batch of events older than {@code cutoff}; the retention sweep calls it until none is left. */
    int deleteOlderThan(Instant cutoff, int batch) {
        return database.inTransaction(tx -> repository.deleteOlderThan(tx, cutoff, batch));
    }

    Clock clock() {
        return clock;
    }
}

package dev.portcullis.events;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;

/** The events table. Append and read only: there is no update, so an event once written stays as written. */
public interface EventRepository {

    void insert(Tx tx, Event event);

    /** Up to {@code query.limit()} events, newest first, after the query's cursor. */
    List<Event> find(Tx tx, EventQuery query, int limit);

    /** Retention: deletes at most {@code batch} events older than {@code cutoff}; returns how many. */
    int deleteOlderThan(Tx tx, Instant cutoff, int batch);
}

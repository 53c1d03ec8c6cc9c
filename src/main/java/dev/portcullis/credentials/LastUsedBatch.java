package dev.portcullis.credentials;

import dev.portcullis.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-used times, collected in memory and written in batches (one UPDATE per chunk of ids)
 * so that a hot credential never costs a write per request. The time written is the flush
 * time, accurate to the flush interval, which is all a "last used" column promises.
 */
final class LastUsedBatch {
    private static final Logger LOG = LoggerFactory.getLogger(LastUsedBatch.class);
    private static final int CHUNK = 500;

    private final Database database;
    private final Clock clock;
    private final String table;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** {@code table} is a constant of ours with {@code id} and {@code last_used_at} columns. */
    LastUsedBatch(Database database, Clock clock, String table) {
        this.database = database;
        this.clock = clock;
        this.table = table;
    }

    void add(String id) {
        pending.add(id);
    }

    /** Writes everything collected so far; on failure the ids stay pending for the next flush. */
    void flush() {
        List<String> ids = new ArrayList<>();
        for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
            ids.add(it.next());
            it.remove();
        }
        if (ids.isEmpty()) return;
        Instant now = clock.instant();
        try {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                Object[] args = new Object[chunk.size() + 1];
                args[0] = now;
                for (int i = 0; i < chunk.size(); i++) args[i + 1] = chunk.get(i);
                database.inTransaction(tx -> tx.update("UPDATE " + table + " SET last_used_at = ? WHERE id IN (" + marks + ")", args));
            }
        } catch (RuntimeException e) {
            pending.addAll(ids);
            LOG.warn("cannot record last-used times in {} ({} pending): {}", table, ids.size(), e.toString());
        }
    }
}

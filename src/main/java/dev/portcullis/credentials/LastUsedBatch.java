package dev.portcullis.credentials;

import dev.portcullis.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys' last-used times, collected in memory and written in batches so that a hot key
 * never costs a write per request. The time written is the flush time, accurate to the flush
 * interval, which is all a "last used" column promises.
 */
final class LastUsedBatch {
    private static final Logger LOG = LoggerFactory.getLogger(LastUsedBatch.class);

    private final Database database;
    private final Clock clock;
    private final ApiKeyCredentials keys;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    LastUsedBatch(Database database, Clock clock, ApiKeyCredentials keys) {
        this.database = database;
        this.clock = clock;
        this.keys = keys;
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
            database.inTransaction(tx -> {
                keys.markUsed(tx, ids, now);
                return null;
            });
        } catch (RuntimeException e) {
            pending.addAll(ids);
            LOG.warn("cannot record last-used times of API keys ({} pending): {}", ids.size(), e.toString());
        }
    }
}

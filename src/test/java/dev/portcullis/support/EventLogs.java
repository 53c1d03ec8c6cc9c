package dev.portcullis.support;

import dev.portcullis.events.EventLog;
import dev.portcullis.events.SqlEventRepository;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** The real audit log over a test database, for tests that build a service without the whole server. */
public final class EventLogs {
    private EventLogs() {}

    public static EventLog of(Database database, Clock clock) {
        return new EventLog(database, new SqlEventRepository(), new SecureRandom(), clock, List.of(), Set.of());
    }
}

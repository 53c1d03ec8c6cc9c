package dev.portcullis.keys;

import dev.portcullis.support.MutableClock;
import dev.portcullis.config.Config;
import dev.portcullis.storage.Database;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;

/** A key ring over a fresh database on a clock that tests move; the database is closed after each test. */
abstract class KeyRingFixture {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    Database db;

    @AfterEach
    void closeDatabase() {
        if (db != null) db.close();
    }

    KeyRing ring(Db kind) {
        return open(Keys.config(TestDatabases.fresh(kind)));
    }

    /** Opens (or reopens) the ring for {@code config}, on the database of the first call. */
    KeyRing open(Config config) {
        if (db == null) db = Database.open(config.storage());
        return Keys.open(db, config, clock);
    }
}

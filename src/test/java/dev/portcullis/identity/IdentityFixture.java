package dev.portcullis.identity;

import dev.portcullis.config.Config;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** The identity graph over a fresh database, wired as Portcullis wires it. */
final class IdentityFixture implements AutoCloseable {
    static final Passwords PASSWORDS = new Passwords(new SecureRandom());
    static final Config.Sessions SESSIONS = new Config.Sessions(Duration.ofMinutes(120), Duration.ofHours(24));

    final Database db;
    final IdentityService identity;
    final LoginSessions sessions;

    IdentityFixture(Db which) {
        SecureRandom random = new SecureRandom();
        db = Database.open(TestDatabases.fresh(which));
        identity = new IdentityService(db, new SqlUserRepository(), new SqlWorkspaceRepository(), new SqlMembershipRepository(),
                PASSWORDS, new Ids(random), Clock.systemUTC(), () -> { }, events(db));
        sessions = new LoginSessions(db, new SqlLoginSessionRepository(), SESSIONS, random, events(db));
    }

    static dev.portcullis.events.EventLog events(Database db) {
        return dev.portcullis.support.EventLogs.of(db, Clock.systemUTC());
    }

    long count(String sql) {
        return db.read(tx -> tx.count(sql));
    }

    @Override
    public void close() {
        db.close();
    }
}

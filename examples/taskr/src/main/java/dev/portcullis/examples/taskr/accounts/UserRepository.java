package dev.portcullis.examples.taskr.accounts;

import dev.portcullis.examples.taskr.storage.Database;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Users in Taskr's SQLite file; emails are stored lower-cased so lookups ignore case. */
public final class UserRepository {
    private final Database db;
    private final Clock clock;

    public UserRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Throws {@link Database.UniqueViolation} when the email is taken. */
    User create(String email, String name, String passwordHash) {
        User user = new User(UUID.randomUUID().toString(), normalize(email), name);
        db.update("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                user.id(), user.email(), user.name(), passwordHash, clock.millis());
        return user;
    }

    public Optional<User> find(String id) {
        return db.queryOne("SELECT id, email, name FROM users WHERE id = ?",
                rs -> new User(rs.getString("id"), rs.getString("email"), rs.getString("name")), id);
    }

    /** The user and their password hash, for login. */
    Optional<Credentials> credentials(String email) {
        return db.queryOne("SELECT id, email, name, password_hash FROM users WHERE email = ?",
                rs -> new Credentials(new User(rs.getString("id"), rs.getString("email"), rs.getString("name")), rs.getString("password_hash")),
                normalize(email));
    }

    record Credentials(User user, String passwordHash) {}

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}

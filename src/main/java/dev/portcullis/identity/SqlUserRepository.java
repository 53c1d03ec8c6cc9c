package dev.portcullis.identity;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.util.Locale;
import java.util.Optional;

/** Users in SQL. email_lower carries the unique index, so "Ada@x.io" and "ada@X.IO" collide. */
public final class SqlUserRepository implements UserRepository {
    /** For joins too: what {@link #user} reads beyond id, email, name, email_verified and created_at. */
    static final String PROFILE_COLUMNS = "preferred_username, picture, locale, zoneinfo, updated_at";
    private static final String COLUMNS = "id, email, name, email_verified, created_at, password_hash, " + PROFILE_COLUMNS;

    @Override
    public void insert(Tx tx, User user, String passwordHash) {
        User.Profile p = user.profile();
        tx.update("INSERT INTO users (id, email, email_lower, name, password_hash, email_verified, created_at, "
                        + "preferred_username, picture, locale, zoneinfo, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(), user.email(), lower(user.email()), user.name(), passwordHash, user.emailVerified(), user.createdAt(),
                p.preferredUsername().orElse(null), p.picture().orElse(null), p.locale().orElse(null), p.zoneinfo().orElse(null),
                p.updatedAt());
    }

    @Override
    public Optional<User> findById(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", SqlUserRepository::user, id);
    }

    @Override
    public Optional<User> findByEmail(Tx tx, String email) {
        return credentialsOf(tx, email).map(Credentials::user);
    }

    @Override
    public Optional<Credentials> credentialsOf(Tx tx, String email) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM users WHERE email_lower = ?",
                r -> new Credentials(user(r), r.text("password_hash")), lower(email));
    }

    @Override
    public boolean changePassword(Tx tx, String userId, String passwordHash) {
        return tx.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId) == 1;
    }

    @Override
    public boolean updateProfile(Tx tx, User user) {
        User.Profile p = user.profile();
        return tx.update("UPDATE users SET name = ?, preferred_username = ?, picture = ?, locale = ?, zoneinfo = ?, updated_at = ? "
                        + "WHERE id = ?", user.name(), p.preferredUsername().orElse(null), p.picture().orElse(null),
                p.locale().orElse(null), p.zoneinfo().orElse(null), p.updatedAt(), user.id()) == 1;
    }

    @Override
    public boolean any(Tx tx) {
        return tx.count("SELECT count(*) AS n FROM (SELECT id FROM users LIMIT 1) AS one") > 0;
    }

    static User user(Row r) {
        var createdAt = r.instant("created_at");
        var profile = new User.Profile(r.optionalText("preferred_username"), r.optionalText("picture"), r.optionalText("locale"),
                r.optionalText("zoneinfo"), r.optionalInstant("updated_at").orElse(createdAt));
        return new User(r.text("id"), r.text("email"), r.text("name"), r.flag("email_verified"), createdAt, profile);
    }

    static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}

package dev.portcullis.identity;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Users in SQL. email_lower carries the unique index, so "Ada@x.io" and "ada@X.IO" collide. */
public final class SqlUserRepository implements UserRepository {
    /** For joins too: what {@link #user} reads beyond id, email, name, email_verified and created_at. */
    static final String PROFILE_COLUMNS = String.join(", ", User.Profile.CLAIMS) + ", updated_at";
    private static final String COLUMNS = "id, email, name, email_verified, created_at, password_hash, " + PROFILE_COLUMNS;
    private static final String PROFILE_SETS = User.Profile.CLAIMS.stream().map(c -> c + " = ?").collect(Collectors.joining(", "));

    @Override
    public void insert(Tx tx, User user, String passwordHash) {
        List<Object> args = new ArrayList<>(List.of(user.id(), user.email(), lower(user.email()), user.name(), passwordHash,
                user.emailVerified(), user.createdAt()));
        args.addAll(profileValues(user.profile()));
        tx.update("INSERT INTO users (id, email, email_lower, name, password_hash, email_verified, created_at, " + PROFILE_COLUMNS
                + ") VALUES (" + "?, ".repeat(args.size() - 1) + "?)", args.toArray());
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
    public boolean rehashPassword(Tx tx, String userId, String oldHash, String newHash) {
        return tx.update("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", newHash, userId, oldHash) == 1;
    }

    @Override
    public boolean updateProfile(Tx tx, User user) {
        List<Object> args = new ArrayList<>();
        args.add(user.name());
        args.addAll(profileValues(user.profile()));
        args.add(user.id());
        return tx.update("UPDATE users SET name = ?, " + PROFILE_SETS + ", updated_at = ? WHERE id = ?", args.toArray()) == 1;
    }

    @Override
    public boolean any(Tx tx) {
        return tx.count("SELECT count(*) AS n FROM (SELECT id FROM users LIMIT 1) AS one") > 0;
    }

    @Override
    public boolean changeEmail(Tx tx, String userId, String email, boolean emailVerified) {
        return tx.update("UPDATE users SET email = ?, email_lower = ?, email_verified = ? WHERE id = ?",
                email, lower(email), emailVerified, userId) == 1;
    }

    static User user(Row r) {
        var createdAt = r.instant("created_at");
        var profile = User.Profile.of(r::optionalText, r.optionalInstant("updated_at").orElse(createdAt));
        return new User(r.text("id"), r.text("email"), r.text("name"), r.flag("email_verified"), createdAt, profile);
    }

    /** The values of {@link #PROFILE_COLUMNS}, in order: absent claims as SQL NULL. */
    private static List<Object> profileValues(User.Profile p) {
        List<Object> values = new ArrayList<>();
        for (String claim : User.Profile.CLAIMS) values.add(p.claim(claim).orElse(null));
        values.add(p.updatedAt());
        return values;
    }

    static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}

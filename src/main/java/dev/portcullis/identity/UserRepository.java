package dev.portcullis.identity;

import dev.portcullis.storage.Tx;
import java.util.Optional;

/** Users by id and by email (case-insensitive). Inserting a taken email throws {@code UniqueViolation}. */
public interface UserRepository {

    /** What the login check needs; the only record that carries the password hash. */
    record Credentials(User user, String passwordHash) {}

    void insert(Tx tx, User user, String passwordHash);

    Optional<User> findById(Tx tx, String id);

    Optional<User> findByEmail(Tx tx, String email);

    Optional<Credentials> credentialsOf(Tx tx, String email);

    boolean changePassword(Tx tx, String userId, String passwordHash);

    /** Replaces the hash only while it is still {@code oldHash}: a rehash at login never undoes a password change made meanwhile. */
    boolean rehashPassword(Tx tx, String userId, String oldHash, String newHash);

    /** Writes the name and profile claims of {@code user}, with its {@code updated_at}. */
    boolean updateProfile(Tx tx, User user);

    boolean any(Tx tx);

    /** Sets the email and whether it is verified, as another system vouches (externallogin/). A taken email throws {@code UniqueViolation}. */
    boolean changeEmail(Tx tx, String userId, String email, boolean emailVerified);
}

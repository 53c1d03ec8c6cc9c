package dev.portcullis.identity;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.Database;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import dev.portcullis.support.TestDatabases;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link UserRepository}'s promises on both databases: one account per email in any case, the hash only for the login check. */
@ParameterizedClass
@EnumSource(Db.class)
class UserRepositoryContractTest extends RepositoryContract {
    static final UserRepository users = new SqlUserRepository();

    /** A user with a fresh id and an email that differs in case from how it is looked up below. */
    static User user(String name, User.Profile profile) {
        int n = Seed.next();
        return new User("user-" + n, "Person" + n + "@Example.COM", name, n % 2 == 0, NOW, profile);
    }

    static User insert(User user, String passwordHash) {
        database.inTransaction(tx -> {
            users.insert(tx, user, passwordHash);
            return null;
        });
        return user;
    }

    static User.Profile everyClaim(String suffix, Instant at) {
        return User.Profile.of(claim -> Optional.of(claim + " " + suffix), at);
    }

    @Test
    void anInsertedUserIsFoundByIdAndByEmailInAnyCaseWithEveryProfileClaim() {
        User ada = insert(user("Ada Lovelace", everyClaim("one", NOW.plusSeconds(1))), "hash-ada");
        assertEquals(Optional.of(ada), database.read(tx -> users.findById(tx, ada.id())));
        assertEquals(Optional.of(ada), database.read(tx -> users.findByEmail(tx, ada.email().toLowerCase())));
        assertEquals(Optional.of(ada), database.read(tx -> users.findByEmail(tx, ada.email().toUpperCase())));
        assertTrue(database.read(tx -> users.findById(tx, "no-such-user")).isEmpty());
        assertTrue(database.read(tx -> users.findByEmail(tx, "nobody@example.com")).isEmpty());
    }

    @Test
    void aUserWithoutClaimsReadsBackEmptyClaimsUpdatedWhenCreated() {
        User plain = insert(user("Plain", User.Profile.empty(NOW)), "hash");
        User found = database.read(tx -> users.findById(tx, plain.id())).orElseThrow();
        assertEquals(Map.of(), found.profile().claims());
        assertEquals(NOW, found.profile().updatedAt());
    }

    @Test
    void anEmailTakenInAnotherCaseIsAUniqueViolationAndTheFirstAccountStays() {
        User first = insert(user("First", User.Profile.empty(NOW)), "hash-first");
        User copy = new User("user-" + Seed.next(), first.email().toLowerCase(), "Copy", false, NOW);
        assertThrows(UniqueViolation.class, () -> insert(copy, "hash-copy"));
        assertTrue(database.read(tx -> users.findById(tx, copy.id())).isEmpty());
        assertEquals("hash-first", database.read(tx -> users.credentialsOf(tx, first.email())).orElseThrow().passwordHash());
    }

    @Test
    void aTakenIdIsAUniqueViolation() {
        User first = insert(user("First", User.Profile.empty(NOW)), "hash");
        User sameId = new User(first.id(), "someone" + Seed.next() + "@example.com", "Other", false, NOW);
        assertThrows(UniqueViolation.class, () -> insert(sameId, "hash"));
    }

    @Test
    void credentialsOfGivesTheUserWithTheirHashAndNothingForAnUnknownEmail() {
        User ada = insert(user("Ada", User.Profile.empty(NOW)), "$argon2id$ada");
        var credentials = database.read(tx -> users.credentialsOf(tx, ada.email().toUpperCase())).orElseThrow();
        assertEquals(ada, credentials.user());
        assertEquals("$argon2id$ada", credentials.passwordHash());
        assertTrue(database.read(tx -> users.credentialsOf(tx, "nobody@example.com")).isEmpty());
    }

    @Test
    void rehashPasswordReplacesTheHashOnlyWhileItIsStillTheOldOne() {
        User ada = insert(user("Ada", User.Profile.empty(NOW)), "old-ada");
        assertFalse((boolean) database.inTransaction(tx -> users.rehashPassword(tx, ada.id(), "not-the-stored-one", "rehashed")));
        assertEquals("old-ada", database.read(tx -> users.credentialsOf(tx, ada.email())).orElseThrow().passwordHash(),
                "a password changed meanwhile is not undone");
        assertTrue((boolean) database.inTransaction(tx -> users.rehashPassword(tx, ada.id(), "old-ada", "rehashed")));
        assertEquals("rehashed", database.read(tx -> users.credentialsOf(tx, ada.email())).orElseThrow().passwordHash());
    }

    @Test
    void changePasswordReplacesTheHashOfThatUserOnly() {
        User ada = insert(user("Ada", User.Profile.empty(NOW)), "old-ada");
        User bob = insert(user("Bob", User.Profile.empty(NOW)), "old-bob");
        boolean changed = database.inTransaction(tx -> users.changePassword(tx, ada.id(), "new-ada"));
        boolean unknown = database.inTransaction(tx -> users.changePassword(tx, "no-such-user", "x"));
        assertTrue(changed);
        assertFalse(unknown);
        assertEquals("new-ada", database.read(tx -> users.credentialsOf(tx, ada.email())).orElseThrow().passwordHash());
        assertEquals("old-bob", database.read(tx -> users.credentialsOf(tx, bob.email())).orElseThrow().passwordHash());
    }

    @Test
    void updateProfileWritesNameClaimsAndUpdatedAtButKeepsEmailCreatedAndPassword() {
        User ada = insert(user("Ada", everyClaim("old", NOW)), "hash-ada");
        Instant later = NOW.plusSeconds(3600);
        User.Profile changedProfile = User.Profile.of(claim -> claim.equals("locale") ? Optional.of("en-GB") : Optional.empty(), later);
        User changed = new User(ada.id(), "ignored@example.com", "Ada King", ada.emailVerified(), later, changedProfile);
        boolean updated = database.inTransaction(tx -> users.updateProfile(tx, changed));
        assertTrue(updated);

        User found = database.read(tx -> users.findById(tx, ada.id())).orElseThrow();
        assertEquals("Ada King", found.name());
        assertEquals(Map.of("locale", "en-GB"), found.profile().claims(), "cleared claims read back empty");
        assertEquals(later, found.profile().updatedAt());
        assertEquals(ada.email(), found.email());
        assertEquals(NOW, found.createdAt());
        assertEquals("hash-ada", database.read(tx -> users.credentialsOf(tx, ada.email())).orElseThrow().passwordHash());

        User ghost = new User("no-such-user", "ghost@example.com", "Ghost", false, NOW);
        boolean unknown = database.inTransaction(tx -> users.updateProfile(tx, ghost));
        assertFalse(unknown);
    }

    @Test
    void anyIsFalseOnAnEmptyDatabaseAndTrueOnceOneUserExists() {
        try (Database empty = Database.open(TestDatabases.fresh(db))) {
            boolean before = empty.read(users::any);
            empty.inTransaction(tx -> {
                users.insert(tx, user("Only", User.Profile.empty(NOW)), "hash");
                return null;
            });
            boolean after = empty.read(users::any);
            assertFalse(before);
            assertTrue(after);
        }
    }
}

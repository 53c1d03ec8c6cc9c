package dev.portcullis.identity;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link LoginSessionRepository}'s promises on both databases: one row per cookie hash, last-seen only forward, housekeeping per user. */
@ParameterizedClass
@EnumSource(Db.class)
class LoginSessionRepositoryContractTest extends RepositoryContract {
    static final Duration IDLE = Duration.ofMinutes(120);

    static final LoginSessionRepository sessions = new SqlLoginSessionRepository();

    static String user() {
        return database.inTransaction(tx -> Seed.user(tx, "Ada", NOW)).id();
    }

    /** A session of {@code userId}, last seen at {@code lastSeen}, ending at {@code expires}. */
    static SecretHash start(String userId, Instant lastSeen, Instant expires) {
        SecretHash id = SecretHash.of("cookie " + Seed.next());
        var stored = new LoginSessionRepository.Stored(userId, "csrf-" + id.hex(), lastSeen, lastSeen, expires);
        database.inTransaction(tx -> {
            sessions.insert(tx, id, stored);
            return null;
        });
        return id;
    }

    static Optional<LoginSessionRepository.Stored> find(SecretHash id) {
        return database.read(tx -> sessions.find(tx, id));
    }

    static void touch(SecretHash id, Instant at) {
        database.inTransaction(tx -> {
            sessions.touch(tx, id, at);
            return null;
        });
    }

    @Test
    void anInsertedSessionIsFoundByItsHashWithEveryField() {
        String ada = user();
        SecretHash id = SecretHash.of("cookie " + Seed.next());
        var stored = new LoginSessionRepository.Stored(ada, "csrf", NOW, NOW.plusSeconds(30), NOW.plus(Duration.ofHours(24)),
                List.of("pwd", "otp", "mfa"));
        database.inTransaction(tx -> {
            sessions.insert(tx, id, stored);
            return null;
        });
        assertEquals(Optional.of(stored), find(id));
        SecretHash unknownWay = start(ada, NOW, NOW.plus(Duration.ofHours(1)));
        assertEquals(List.of(), find(unknownWay).orElseThrow().amr(), "a session without amr reads back empty");
        assertTrue(find(SecretHash.of("never issued")).isEmpty());
    }

    @Test
    void aSecondSessionUnderTheSameHashIsAUniqueViolationAndTheFirstStays() {
        String ada = user();
        SecretHash id = start(ada, NOW, NOW.plus(Duration.ofHours(24)));
        var before = find(id).orElseThrow();
        var other = new LoginSessionRepository.Stored(user(), "csrf-other", NOW, NOW, NOW.plus(Duration.ofHours(1)));
        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx -> {
            sessions.insert(tx, id, other);
            return null;
        }));
        assertEquals(Optional.of(before), find(id));
    }

    @Test
    void touchMovesLastSeenForwardOnlyAndOnlyForThatSession() {
        String ada = user();
        SecretHash id = start(ada, NOW, NOW.plus(Duration.ofHours(24)));
        SecretHash other = start(ada, NOW, NOW.plus(Duration.ofHours(24)));
        Instant later = NOW.plus(Duration.ofMinutes(5));
        touch(id, later);
        assertEquals(later, find(id).orElseThrow().lastSeenAt());
        touch(id, NOW.plus(Duration.ofMinutes(1)));
        assertEquals(later, find(id).orElseThrow().lastSeenAt(), "a late, older touch does not move it back");
        assertEquals(NOW, find(other).orElseThrow().lastSeenAt());
        assertEquals(NOW, find(id).orElseThrow().authTime(), "auth_time stays");
    }

    @Test
    void deleteAnswersTrueOnce() {
        SecretHash id = start(user(), NOW, NOW.plus(Duration.ofHours(24)));
        boolean first = database.inTransaction(tx -> sessions.delete(tx, id));
        boolean second = database.inTransaction(tx -> sessions.delete(tx, id));
        assertTrue(first);
        assertFalse(second);
        assertTrue(find(id).isEmpty());
    }

    @Test
    void deleteExpiredOfDropsOnlyThatUsersSessionsPastEitherExpiry() {
        String ada = user();
        String bob = user();
        Instant idleBefore = NOW.minus(IDLE);
        SecretHash live = start(ada, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
        SecretHash ended = start(ada, NOW.minusSeconds(60), NOW);
        SecretHash idle = start(ada, idleBefore, NOW.plus(Duration.ofHours(1)));
        SecretHash bobsEnded = start(bob, NOW.minusSeconds(60), NOW.minusSeconds(1));

        int deleted = database.inTransaction(tx -> sessions.deleteExpiredOf(tx, ada, NOW, idleBefore));
        assertEquals(2, deleted, "the one at its end and the one idle exactly the limit");
        assertTrue(find(ended).isEmpty());
        assertTrue(find(idle).isEmpty());
        assertTrue(find(live).isPresent());
        assertTrue(find(bobsEnded).isPresent(), "another user's sessions wait for their own sign-in");
    }
}

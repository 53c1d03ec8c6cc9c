package dev.portcullis.identity;

import dev.portcullis.events.Actor;
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
            sessions.insert(tx, id, stored, Actor.Origin.NONE);
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
            sessions.insert(tx, id, stored, Actor.Origin.NONE);
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
            sessions.insert(tx, id, other, Actor.Origin.NONE);
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

    @Test
    void listOfAnswersTheUsersLiveSessionsWithTheirOriginMostRecentlyUsedFirst() {
        String ada = user();
        String bob = user();
        SecretHash older = start(ada, NOW.minusSeconds(600), NOW.plus(Duration.ofHours(1)));
        SecretHash newer = SecretHash.of("cookie " + Seed.next());
        database.inTransaction(tx -> {
            sessions.insert(tx, newer, new LoginSessionRepository.Stored(ada, "csrf", NOW.minusSeconds(60), NOW.minusSeconds(60),
                    NOW.plus(Duration.ofHours(1))), Actor.Origin.of("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"));
            return null;
        });
        start(ada, NOW.minusSeconds(60), NOW); // at its end
        start(ada, NOW.minus(IDLE), NOW.plus(Duration.ofHours(1))); // idle exactly the limit
        start(bob, NOW, NOW.plus(Duration.ofHours(1)));

        var listed = database.read(tx -> sessions.listOf(tx, ada, NOW, NOW.minus(IDLE)));
        assertEquals(java.util.List.of(newer, older), listed.stream().map(LoginSessionRepository.Listed::id).toList());
        assertEquals(Optional.of("203.0.113.7"), listed.get(0).address());
        assertEquals(Optional.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"), listed.get(0).userAgent());
        assertEquals(NOW.minusSeconds(60), listed.get(0).authTime());
        assertEquals(Optional.empty(), listed.get(1).userAgent(), "a session started without an origin");
    }

    @Test
    void deleteOfEndsOnlyTheNamedSessionOfThatUser() {
        String ada = user();
        String bob = user();
        SecretHash adas = start(ada, NOW, NOW.plus(Duration.ofHours(1)));
        SecretHash bobs = start(bob, NOW, NOW.plus(Duration.ofHours(1)));
        String bobsHandle = LoginSessionRepository.handleOf(bobs);
        assertFalse((boolean) database.inTransaction(tx -> sessions.deleteOf(tx, ada, bobsHandle)), "another user's handle");
        assertTrue(find(bobs).isPresent());
        assertFalse((boolean) database.inTransaction(tx -> sessions.deleteOf(tx, ada, "")), "an empty handle matches nothing");
        assertFalse((boolean) database.inTransaction(tx -> sessions.deleteOf(tx, ada, "%")));
        assertTrue(find(adas).isPresent());
        assertTrue((boolean) database.inTransaction(tx -> sessions.deleteOf(tx, ada, LoginSessionRepository.handleOf(adas))));
        assertTrue(find(adas).isEmpty());
    }

    @Test
    void deleteAllOfKeepsOnlyTheOneNamedAndNoOtherUsersSessions() {
        String ada = user();
        String bob = user();
        SecretHash keep = start(ada, NOW, NOW.plus(Duration.ofHours(1)));
        SecretHash other = start(ada, NOW, NOW.plus(Duration.ofHours(1)));
        SecretHash bobs = start(bob, NOW, NOW.plus(Duration.ofHours(1)));
        assertEquals(1, (int) database.inTransaction(tx -> sessions.deleteAllOf(tx, ada, Optional.of(keep))));
        assertTrue(find(keep).isPresent());
        assertTrue(find(other).isEmpty());
        assertEquals(1, (int) database.inTransaction(tx -> sessions.deleteAllOf(tx, ada, Optional.empty())));
        assertTrue(find(keep).isEmpty());
        assertTrue(find(bobs).isPresent());
    }
}

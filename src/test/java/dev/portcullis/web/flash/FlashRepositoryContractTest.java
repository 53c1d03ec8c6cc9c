package dev.portcullis.web.flash;

import dev.portcullis.events.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.identity.LoginSessionRepository;
import dev.portcullis.identity.SqlLoginSessionRepository;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link FlashRepository}'s promises on both databases: read once, only by its session, only in time, gone with the session. */
@ParameterizedClass
@EnumSource(Db.class)
class FlashRepositoryContractTest extends RepositoryContract {
    static final FlashRepository flashes = new SqlFlashRepository();
    static final LoginSessionRepository sessions = new SqlLoginSessionRepository();

    /** A login session row of a new user, as the session cookie's hash. */
    static SecretHash session() {
        SecretHash id = SecretHash.of("cookie " + Seed.next());
        database.inTransaction(tx -> {
            String user = Seed.user(tx, "Ada", NOW).id();
            sessions.insert(tx, id, new LoginSessionRepository.Stored(user, "csrf", NOW, NOW, NOW.plus(Duration.ofDays(1))), Actor.Origin.NONE);
            return null;
        });
        return id;
    }

    static SecretHash put(SecretHash session, FlashRepository.Stored flash) {
        SecretHash id = SecretHash.of("flash " + Seed.next());
        database.inTransaction(tx -> {
            flashes.insert(tx, id, flash);
            return null;
        });
        return id;
    }

    static FlashRepository.Stored stored(SecretHash session) {
        return new FlashRepository.Stored(session, "secrets", "New secret created.", Optional.of("Client secret"),
                Optional.of("sealed.jwe"), NOW.plus(Duration.ofMinutes(5)));
    }

    static Optional<FlashRepository.Stored> take(SecretHash id, SecretHash session, java.time.Instant at) {
        return database.inTransaction(tx -> flashes.take(tx, id, session, at));
    }

    @Test
    void aFlashIsTakenOnceWithEveryField() {
        SecretHash session = session();
        var flash = stored(session);
        SecretHash id = put(session, flash);
        assertEquals(Optional.of(flash), take(id, session, NOW));
        assertEquals(Optional.empty(), take(id, session, NOW), "a reload finds nothing");
    }

    @Test
    void aNoticeWithoutASecretKeepsBothAbsent() {
        SecretHash session = session();
        var flash = new FlashRepository.Stored(session, "settings", "Saved.", Optional.empty(), Optional.empty(), NOW.plusSeconds(300));
        assertEquals(Optional.of(flash), take(put(session, flash), session, NOW));
    }

    @Test
    void anotherSessionCannotTakeItNorUseItUp() {
        SecretHash mine = session();
        SecretHash theirs = session();
        SecretHash id = put(mine, stored(mine));
        assertEquals(Optional.empty(), take(id, theirs, NOW));
        assertTrue(take(id, mine, NOW).isPresent(), "still there for its own session");
    }

    @Test
    void anExpiredFlashIsNotTakenAndHousekeepingDropsIt() {
        SecretHash session = session();
        SecretHash id = put(session, stored(session));
        var late = NOW.plus(Duration.ofMinutes(5));
        assertEquals(Optional.empty(), take(id, session, late));
        assertEquals(1, (int) database.inTransaction(tx -> flashes.deleteExpiredOf(tx, session, late)));
        assertEquals(0, count(session));
    }

    @Test
    void housekeepingKeepsLiveFlashesAndOtherSessions() {
        SecretHash session = session();
        SecretHash other = session();
        SecretHash live = put(session, stored(session));
        put(other, new FlashRepository.Stored(other, "a", "b", Optional.empty(), Optional.empty(), NOW.minusSeconds(1)));
        assertEquals(0, (int) database.inTransaction(tx -> flashes.deleteExpiredOf(tx, session, NOW)));
        assertTrue(take(live, session, NOW).isPresent());
    }

    @Test
    void endingTheLoginSessionDropsItsFlashes() {
        SecretHash session = session();
        SecretHash id = put(session, stored(session));
        database.inTransaction(tx -> sessions.delete(tx, session));
        assertEquals(Optional.empty(), take(id, session, NOW));
    }

    @Test
    void aFlashNeedsALiveSessionAndAUniqueId() {
        SecretHash nobody = SecretHash.of("no such cookie " + Seed.next());
        assertThrows(RuntimeException.class, () -> put(nobody, stored(nobody)));
        SecretHash session = session();
        SecretHash id = put(session, stored(session));
        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx -> {
            flashes.insert(tx, id, stored(session));
            return null;
        }));
    }

    private static long count(SecretHash session) {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM page_flashes WHERE session_hash = ?", session.hex()));
    }
}

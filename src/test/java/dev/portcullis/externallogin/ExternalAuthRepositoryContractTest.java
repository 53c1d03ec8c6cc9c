package dev.portcullis.externallogin;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ExternalAuthRepository}'s promises on both databases: an id completes once while live,
 * its redirect code logs in once, only in the browser the login is bound to, and over logins are swept.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ExternalAuthRepositoryContractTest extends RepositoryContract {
    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));
    static final SecretHash ADA = SecretHash.of("ada's browser");
    static final SecretHash MALLORY = SecretHash.of("mallory's browser");

    static final ExternalAuthRepository logins = new SqlExternalAuthRepository();

    static SecretHash fresh(String what) {
        return SecretHash.of(what + " " + Seed.next());
    }

    static SecretHash start(SecretHash browser, Instant expiresAt) {
        SecretHash id = fresh("external_auth_id");
        insert(new ExternalAuthRepository.Started(id, browser, "sealed under id", NOW, expiresAt), NOW);
        return id;
    }

    static void insert(ExternalAuthRepository.Started row, Instant now) {
        database.inTransaction(tx -> {
            logins.insert(tx, row, now);
            return null;
        });
    }

    static Optional<String> complete(SecretHash id, Instant now) {
        return database.inTransaction(tx -> logins.complete(tx, id, now));
    }

    static Optional<ExternalAuthRepository.Status> status(SecretHash id) {
        return database.read(tx -> logins.status(tx, id));
    }

    static String user() {
        return database.inTransaction(tx -> Seed.user(tx, "Ada", NOW)).id();
    }

    static void attach(SecretHash id, String user, SecretHash code, Instant codeExpiresAt) {
        database.inTransaction(tx -> {
            logins.attach(tx, id, user, code, codeExpiresAt, "sealed under code");
            return null;
        });
    }

    static Optional<ExternalAuthRepository.Redeemed> redeem(SecretHash code, SecretHash browser, Instant now) {
        return database.inTransaction(tx -> logins.redeem(tx, code, browser, now));
    }

    /** A login completed and attached to a fresh user, its code live for a minute; returns the code. */
    static SecretHash attached(SecretHash browser, String user) {
        SecretHash id = start(browser, EXPIRES);
        assertTrue(complete(id, NOW).isPresent());
        SecretHash code = fresh("code");
        attach(id, user, code, NOW.plusSeconds(60));
        return code;
    }

    static long rows(String column, SecretHash hash) {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM external_auth_requests WHERE " + column + " = ?", hash.hex()));
    }

    @Test
    void aStartedLoginHasAStatusOfLiveAndNotCompleted() {
        SecretHash id = start(ADA, EXPIRES);
        assertEquals(Optional.of(new ExternalAuthRepository.Status(EXPIRES, false)), status(id));
    }

    @Test
    void anUnknownIdHasNoStatusAndDoesNotComplete() {
        SecretHash id = fresh("never started");
        assertTrue(status(id).isEmpty());
        assertTrue(complete(id, NOW).isEmpty());
    }

    @Test
    void aSecondStartWithTheSameIdIsAUniqueViolationAndKeepsTheFirst() {
        SecretHash id = start(ADA, EXPIRES);
        assertThrows(UniqueViolation.class,
                () -> insert(new ExternalAuthRepository.Started(id, MALLORY, "mallory's", NOW, EXPIRES.plusSeconds(60)), NOW));
        assertEquals(Optional.of("sealed under id"), complete(id, NOW), "the first login's return_to, unchanged");
    }

    @Test
    void completeGivesTheSealedReturnToExactlyOnce() {
        SecretHash id = start(ADA, EXPIRES);
        assertEquals(Optional.of("sealed under id"), complete(id, NOW));
        assertTrue(complete(id, NOW.plusSeconds(1)).isEmpty(), "the second completion loses");
        assertEquals(Optional.of(new ExternalAuthRepository.Status(EXPIRES, true)), status(id), "and status says why");
    }

    @Test
    void completeWhenExpiredIsRefusedAndLeavesItUncompleted() {
        SecretHash id = start(ADA, EXPIRES);
        assertTrue(complete(id, EXPIRES).isEmpty(), "at its expiry instant it is over");
        assertTrue(complete(id, EXPIRES.plusSeconds(1)).isEmpty());
        assertEquals(Optional.of(new ExternalAuthRepository.Status(EXPIRES, false)), status(id));
    }

    @Test
    void anAttachedCodeRedeemsOnceInItsBrowserForItsUserAndResealedReturnTo() {
        String user = user();
        SecretHash code = attached(ADA, user);
        assertEquals(Optional.of(new ExternalAuthRepository.Redeemed(user, "sealed under code")), redeem(code, ADA, NOW.plusSeconds(1)));
        assertTrue(redeem(code, ADA, NOW.plusSeconds(2)).isEmpty(), "the second redemption loses");
    }

    @Test
    void redeemFromAnotherBrowserIsRefusedAndLeavesTheCodeToItsOwner() {
        String user = user();
        SecretHash code = attached(ADA, user);
        assertTrue(redeem(code, MALLORY, NOW.plusSeconds(1)).isEmpty());
        assertEquals(Optional.of(new ExternalAuthRepository.Redeemed(user, "sealed under code")), redeem(code, ADA, NOW.plusSeconds(2)));
    }

    @Test
    void redeemWhenTheCodeExpiredIsRefused() {
        SecretHash code = attached(ADA, user());
        assertTrue(redeem(code, ADA, NOW.plusSeconds(60)).isEmpty(), "at its expiry instant it is over");
        assertTrue(redeem(code, ADA, NOW.plusSeconds(61)).isEmpty());
    }

    @Test
    void anUnknownCodeOrAStartedIdRedeemsNothing() {
        SecretHash id = start(ADA, EXPIRES);
        assertTrue(complete(id, NOW).isPresent());
        assertTrue(redeem(fresh("never issued"), ADA, NOW).isEmpty());
        assertTrue(redeem(id, ADA, NOW).isEmpty(), "the id is not a code");
    }

    @Test
    void attachingACodeAnotherLoginHoldsIsAUniqueViolation() {
        String user = user();
        SecretHash code = attached(ADA, user);
        SecretHash other = start(MALLORY, EXPIRES);
        assertTrue(complete(other, NOW).isPresent());
        assertThrows(UniqueViolation.class, () -> attach(other, user(), code, NOW.plusSeconds(60)));
        assertEquals(Optional.of(new ExternalAuthRepository.Redeemed(user, "sealed under code")), redeem(code, ADA, NOW.plusSeconds(1)),
                "the code still logs in its own user");
    }

    @Test
    void insertSweepsLoginsWhoseIdAndCodeAreBothOver() {
        SecretHash unattached = start(ADA, EXPIRES);
        SecretHash liveCode = attached(ADA, user());
        Instant later = EXPIRES.plusSeconds(1);
        SecretHash codeOutlivesId = start(ADA, EXPIRES);
        assertTrue(complete(codeOutlivesId, NOW).isPresent());
        SecretHash longCode = fresh("long code");
        attach(codeOutlivesId, user(), longCode, later.plusSeconds(60));

        insert(new ExternalAuthRepository.Started(fresh("sweeper"), ADA, "x", later, later.plusSeconds(600)), later);

        assertTrue(status(unattached).isEmpty(), "expired and never attached: swept");
        assertEquals(0L, rows("code_hash", liveCode), "code expired too: swept");
        assertEquals(1L, rows("code_hash", longCode), "its code still lives: kept");
        assertTrue(redeem(longCode, ADA, later).isPresent());
    }

    @Test
    void deletingTheUserTakesTheLoginsThatWouldLogThemIn() {
        String user = user();
        SecretHash code = attached(ADA, user);
        database.inTransaction(tx -> tx.update("DELETE FROM users WHERE id = ?", user));
        assertEquals(0L, rows("code_hash", code));
        assertFalse(redeem(code, ADA, NOW.plusSeconds(1)).isPresent());
    }
}

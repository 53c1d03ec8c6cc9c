package dev.portcullis.accountsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link AccountTokenRepository}'s promises on both databases: a link is redeemed once, only before it expires, only for its purpose. */
@ParameterizedClass
@EnumSource(Db.class)
class AccountTokenRepositoryContractTest extends RepositoryContract {
    static final AccountTokenRepository tokens = new SqlAccountTokenRepository();

    static AccountTokenRepository.Holder holder() {
        var user = database.inTransaction(tx -> Seed.user(tx, "Ada", NOW));
        return new AccountTokenRepository.Holder(user.id(), user.email());
    }

    static SecretHash issue(AccountTokenRepository.Holder holder, Purpose purpose, Instant expires) {
        SecretHash id = SecretHash.of("link " + Seed.next());
        database.inTransaction(tx -> {
            tokens.insert(tx, id, purpose, holder, NOW, expires);
            return null;
        });
        return id;
    }

    static Optional<AccountTokenRepository.Holder> redeem(SecretHash id, Purpose purpose, Instant at) {
        return database.inTransaction(tx -> tokens.redeem(tx, id, purpose, at));
    }

    @Test
    void aLinkIsRedeemedOnceAndAnswersItsHolder() {
        var ada = holder();
        SecretHash id = issue(ada, Purpose.RESET_PASSWORD, NOW.plus(Duration.ofMinutes(30)));
        assertEquals(Optional.of(ada), database.read(tx -> tokens.findLive(tx, id, Purpose.RESET_PASSWORD, NOW)), "finding does not use it");
        assertEquals(Optional.of(ada), redeem(id, Purpose.RESET_PASSWORD, NOW.plusSeconds(1)));
        assertEquals(Optional.empty(), redeem(id, Purpose.RESET_PASSWORD, NOW.plusSeconds(2)), "a second use");
        assertTrue(database.read(tx -> tokens.findLive(tx, id, Purpose.RESET_PASSWORD, NOW.plusSeconds(2))).isEmpty());
    }

    @Test
    void aLinkAtOrPastItsExpiryIsNeitherFoundNorRedeemed() {
        var ada = holder();
        Instant expires = NOW.plus(Duration.ofHours(24));
        SecretHash id = issue(ada, Purpose.VERIFY_EMAIL, expires);
        assertTrue(database.read(tx -> tokens.findLive(tx, id, Purpose.VERIFY_EMAIL, expires)).isEmpty());
        assertEquals(Optional.empty(), redeem(id, Purpose.VERIFY_EMAIL, expires));
        assertEquals(Optional.of(ada), redeem(id, Purpose.VERIFY_EMAIL, expires.minusMillis(1)), "the moment before still works");
    }

    @Test
    void aLinkOfOnePurposeDoesNothingForTheOther() {
        var ada = holder();
        SecretHash verify = issue(ada, Purpose.VERIFY_EMAIL, NOW.plus(Duration.ofHours(24)));
        assertEquals(Optional.empty(), redeem(verify, Purpose.RESET_PASSWORD, NOW));
        assertEquals(Optional.of(ada), redeem(verify, Purpose.VERIFY_EMAIL, NOW), "and it stays usable for its own");
        assertEquals(Optional.empty(), redeem(SecretHash.of("never issued"), Purpose.VERIFY_EMAIL, NOW));
    }

    @Test
    void deleteAllEndsOnlyThatUsersLinksOfThatPurpose() {
        var ada = holder();
        var bob = holder();
        SecretHash first = issue(ada, Purpose.RESET_PASSWORD, NOW.plus(Duration.ofMinutes(30)));
        SecretHash second = issue(ada, Purpose.RESET_PASSWORD, NOW.plus(Duration.ofMinutes(30)));
        SecretHash verify = issue(ada, Purpose.VERIFY_EMAIL, NOW.plus(Duration.ofHours(24)));
        SecretHash bobs = issue(bob, Purpose.RESET_PASSWORD, NOW.plus(Duration.ofMinutes(30)));
        assertEquals(2, (int) database.inTransaction(tx -> tokens.deleteAll(tx, ada.userId(), Purpose.RESET_PASSWORD)));
        assertEquals(Optional.empty(), redeem(first, Purpose.RESET_PASSWORD, NOW));
        assertEquals(Optional.empty(), redeem(second, Purpose.RESET_PASSWORD, NOW));
        assertEquals(Optional.of(ada), redeem(verify, Purpose.VERIFY_EMAIL, NOW));
        assertEquals(Optional.of(bob), redeem(bobs, Purpose.RESET_PASSWORD, NOW));
    }

    @Test
    void aSecondLinkUnderTheSameHashIsAUniqueViolation() {
        var ada = holder();
        SecretHash id = issue(ada, Purpose.VERIFY_EMAIL, NOW.plus(Duration.ofHours(24)));
        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx -> {
            tokens.insert(tx, id, Purpose.RESET_PASSWORD, ada, NOW, NOW.plusSeconds(60));
            return null;
        }));
    }
}

package dev.portcullis.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The promises of {@link PasskeyRepository} and {@link PasskeyCeremonyRepository} on both databases:
 * a credential id is registered once, a signature counter only goes up, a user touches only their
 * own passkeys, a ceremony answers once and not after it expired.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PasskeyRepositoriesContractTest extends RepositoryContract {
    static final PasskeyRepository passkeys = new SqlPasskeyRepository();
    static final PasskeyCeremonyRepository ceremonies = new SqlPasskeyCeremonyRepository();

    static String user() {
        return database.inTransaction(tx -> Seed.user(tx, "Ada", NOW).id());
    }

    static PasskeyRepository.Stored passkey(String userId, String name) {
        String unique = UUID.randomUUID().toString();
        return new PasskeyRepository.Stored("pk-" + unique, userId, "cred-" + unique, "cose-key", UUID.randomUUID().toString(), 0,
                List.of("hybrid", "internal"), "handle-" + userId, name, NOW, Optional.empty());
    }

    static boolean write(java.util.function.Function<dev.portcullis.storage.Tx, Boolean> work) {
        return database.inTransaction(work);
    }

    @Test
    void aPasskeyIsStoredAsGivenAndFoundByItsCredentialId() {
        String user = user();
        var key = passkey(user, "Laptop");
        assertTrue(write(tx -> passkeys.insert(tx, key)));
        assertEquals(Optional.of(key), database.read(tx -> passkeys.findByCredentialId(tx, key.credentialId())));
        assertEquals(List.of(key), database.read(tx -> passkeys.listOf(tx, user)));
        assertEquals(Optional.of("handle-" + user), database.read(tx -> passkeys.userHandleOf(tx, user)));
        assertEquals(Optional.empty(), database.read(tx -> passkeys.userHandleOf(tx, user())));
    }

    @Test
    void aCredentialIdIsRegisteredOnceEvenForAnotherUser() {
        var key = passkey(user(), "Laptop");
        assertTrue(write(tx -> passkeys.insert(tx, key)));
        var copy = new PasskeyRepository.Stored("pk-other", user(), key.credentialId(), "other-key", key.aaguid(), 0, List.of(),
                "h", "Copy", NOW, Optional.empty());
        assertFalse(write(tx -> passkeys.insert(tx, copy)));
        assertEquals(key.userId(), database.read(tx -> passkeys.findByCredentialId(tx, key.credentialId())).orElseThrow().userId());
    }

    @Test
    void theSignatureCounterOnlyGoesUpUnlessTheAuthenticatorHasNone() {
        var key = passkey(user(), "Laptop");
        database.inTransaction(tx -> passkeys.insert(tx, key));
        assertTrue(write(tx -> passkeys.use(tx, key.credentialId(), 0, NOW)), "an authenticator without a counter says 0 each time");
        assertTrue(write(tx -> passkeys.use(tx, key.credentialId(), 5, NOW.plusSeconds(1))));
        assertFalse(write(tx -> passkeys.use(tx, key.credentialId(), 5, NOW.plusSeconds(2))), "the same counter again");
        assertFalse(write(tx -> passkeys.use(tx, key.credentialId(), 3, NOW.plusSeconds(3))), "a counter that went back");
        assertFalse(write(tx -> passkeys.use(tx, key.credentialId(), 0, NOW.plusSeconds(4))));
        var stored = database.read(tx -> passkeys.findByCredentialId(tx, key.credentialId())).orElseThrow();
        assertEquals(5, stored.signCount());
        assertEquals(Optional.of(NOW.plusSeconds(1)), stored.lastUsedAt());
    }

    @Test
    void aUserRenamesAndRemovesOnlyTheirOwnPasskeys() {
        String ada = user();
        String eve = user();
        var key = passkey(ada, "Laptop");
        database.inTransaction(tx -> passkeys.insert(tx, key));
        assertFalse(write(tx -> passkeys.rename(tx, eve, key.id(), "Mine")));
        assertFalse(write(tx -> passkeys.delete(tx, eve, key.id())));
        assertTrue(write(tx -> passkeys.rename(tx, ada, key.id(), "Work laptop")));
        assertEquals("Work laptop", database.read(tx -> passkeys.listOf(tx, ada)).getFirst().name());
        assertTrue(write(tx -> passkeys.delete(tx, ada, key.id())));
        assertFalse(write(tx -> passkeys.delete(tx, ada, key.id())));
        assertEquals(List.of(), database.read(tx -> passkeys.listOf(tx, ada)));
    }

    @Test
    void aCeremonyIsTakenOnce() {
        String user = user();
        var id = SecretHash.of("ceremony-" + UUID.randomUUID());
        var ceremony = new PasskeyCeremonyRepository.Stored("register", Optional.of(user), Optional.of("handle"), "challenge",
                NOW.plus(Duration.ofMinutes(5)));
        database.inTransaction(tx -> {
            ceremonies.insert(tx, id, ceremony);
            return null;
        });
        assertEquals(Optional.of(ceremony), database.inTransaction(tx -> ceremonies.take(tx, id, NOW)));
        assertEquals(Optional.empty(), database.inTransaction(tx -> ceremonies.take(tx, id, NOW)));
    }

    @Test
    void anExpiredCeremonyIsNotReturnedAndIsSweptAway() {
        var id = SecretHash.of("ceremony-" + UUID.randomUUID());
        var swept = SecretHash.of("ceremony-" + UUID.randomUUID());
        var ceremony = new PasskeyCeremonyRepository.Stored("sign_in", Optional.empty(), Optional.empty(), "challenge", NOW.plusSeconds(60));
        database.inTransaction(tx -> {
            ceremonies.insert(tx, id, ceremony);
            ceremonies.insert(tx, swept, ceremony);
            return null;
        });
        assertEquals(Optional.empty(), database.inTransaction(tx -> ceremonies.take(tx, id, NOW.plusSeconds(60))));
        assertTrue(database.inTransaction(tx -> ceremonies.deleteExpired(tx, NOW.plusSeconds(61))) >= 1);
        assertEquals(Optional.empty(), database.inTransaction(tx -> ceremonies.take(tx, swept, NOW)));
    }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The promises of {@link TotpRepository}, {@link RecoveryCodeRepository}, {@link PendingLoginRepository} and
 * {@link WorkspaceRequirementRepository} on both databases: a step is used once and never an earlier one, a code
 * once, a pending login until it ends, a requirement per workspace.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SecondFactorRepositoriesContractTest extends RepositoryContract {
    static final TotpRepository totps = new SqlTotpRepository();
    static final RecoveryCodeRepository codes = new SqlRecoveryCodeRepository();
    static final PendingLoginRepository pending = new SqlPendingLoginRepository();
    static final WorkspaceRequirementRepository requirements = new SqlWorkspaceRequirementRepository();

    static boolean write(java.util.function.Function<dev.portcullis.storage.Tx, Boolean> work) {
        return database.inTransaction(work);
    }

    static long count(java.util.function.Function<dev.portcullis.storage.Tx, Long> work) {
        return database.read(work);
    }

    static String user() {
        return database.inTransaction(tx -> Seed.user(tx, "Ada", NOW).id());
    }

    @Test
    void aProposedSecretIsUnconfirmedAndReplacedByTheNextProposal() {
        String user = user();
        assertTrue(write(tx -> totps.propose(tx, user, "sealed-1", NOW)));
        assertTrue(write(tx -> totps.propose(tx, user, "sealed-2", NOW)));
        var stored = database.read(tx -> totps.find(tx, user)).orElseThrow();
        assertEquals("sealed-2", stored.sealedSecret());
        assertFalse(stored.confirmed());
        assertEquals(Optional.empty(), stored.lastStep());
        assertEquals(NOW, stored.createdAt());
    }

    @Test
    void aConfirmedSecretIsNotReplacedByAProposalNorConfirmedTwice() {
        String user = user();
        database.inTransaction(tx -> totps.propose(tx, user, "sealed-1", NOW));
        assertTrue(write(tx -> totps.confirm(tx, user, 100, NOW)));
        assertFalse(write(tx -> totps.confirm(tx, user, 101, NOW)));
        assertFalse(write(tx -> totps.propose(tx, user, "sealed-2", NOW)));
        var stored = database.read(tx -> totps.find(tx, user)).orElseThrow();
        assertEquals("sealed-1", stored.sealedSecret());
        assertEquals(Optional.of(NOW), stored.confirmedAt());
        assertEquals(Optional.of(100L), stored.lastStep());
    }

    @Test
    void aStepIsUsedOnceAndNoEarlierStepAfterIt() {
        String user = user();
        database.inTransaction(tx -> totps.propose(tx, user, "sealed", NOW));
        assertFalse(write(tx -> totps.use(tx, user, 100)), "unconfirmed: no code works");
        database.inTransaction(tx -> totps.confirm(tx, user, 100, NOW));
        assertFalse(write(tx -> totps.use(tx, user, 100)), "the confirming code's step is spent");
        assertTrue(write(tx -> totps.use(tx, user, 102)));
        assertFalse(write(tx -> totps.use(tx, user, 102)));
        assertFalse(write(tx -> totps.use(tx, user, 101)));
        assertTrue(write(tx -> totps.use(tx, user, 103)));
    }

    @Test
    void deletingRemovesTheAuthenticator() {
        String user = user();
        database.inTransaction(tx -> totps.propose(tx, user, "sealed", NOW));
        assertTrue(write(tx -> totps.delete(tx, user)));
        assertEquals(Optional.empty(), database.read(tx -> totps.find(tx, user)));
        assertFalse(write(tx -> totps.delete(tx, user)));
    }

    @Test
    void aRecoveryCodeIsUsedOnceAndOnlyByItsUser() {
        String ada = user();
        String bob = user();
        SecretHash one = SecretHash.of("code one " + Seed.next());
        SecretHash two = SecretHash.of("code two " + Seed.next());
        database.inTransaction(tx -> {
            codes.replace(tx, ada, List.of(one, two));
            return null;
        });
        assertEquals(2, count(tx -> codes.unused(tx, ada)));
        assertFalse(write(tx -> codes.use(tx, bob, one, NOW)), "another user's code");
        assertTrue(write(tx -> codes.use(tx, ada, one, NOW)));
        assertFalse(write(tx -> codes.use(tx, ada, one, NOW)), "a second use");
        assertEquals(1, count(tx -> codes.unused(tx, ada)));
    }

    @Test
    void replacingRecoveryCodesVoidsTheOldOnes() {
        String ada = user();
        SecretHash old = SecretHash.of("old " + Seed.next());
        SecretHash fresh = SecretHash.of("new " + Seed.next());
        database.inTransaction(tx -> {
            codes.replace(tx, ada, List.of(old));
            codes.replace(tx, ada, List.of(fresh));
            return null;
        });
        assertFalse(write(tx -> codes.use(tx, ada, old, NOW)));
        assertTrue(write(tx -> codes.use(tx, ada, fresh, NOW)));
        database.inTransaction(tx -> {
            codes.deleteAll(tx, ada);
            return null;
        });
        assertEquals(0, count(tx -> codes.unused(tx, ada)));
    }

    @Test
    void aPendingLoginIsFoundUntilItExpiresOrEndsOnce() {
        String ada = user();
        SecretHash id = SecretHash.of("pending " + Seed.next());
        var stored = new PendingLoginRepository.Stored(ada, "/authorize/x", "password", NOW.plus(Duration.ofMinutes(5)));
        database.inTransaction(tx -> {
            pending.insert(tx, id, stored);
            return null;
        });
        assertEquals(Optional.of(stored), database.read(tx -> pending.find(tx, id, NOW)));
        assertEquals(Optional.empty(), database.read(tx -> pending.find(tx, id, NOW.plus(Duration.ofMinutes(5)))), "expired");
        assertEquals(Optional.empty(), database.read(tx -> pending.find(tx, SecretHash.of("other"), NOW)));
        assertTrue(write(tx -> pending.delete(tx, id)));
        assertFalse(write(tx -> pending.delete(tx, id)), "ends once");
        assertEquals(Optional.empty(), database.read(tx -> pending.find(tx, id, NOW)));
    }

    @Test
    void expiredPendingLoginsOfAUserAreSweptAndLiveOnesKept() {
        String ada = user();
        SecretHash old = SecretHash.of("old " + Seed.next());
        SecretHash live = SecretHash.of("live " + Seed.next());
        database.inTransaction(tx -> {
            pending.insert(tx, old, new PendingLoginRepository.Stored(ada, "/", "upstream:corp", NOW.minusSeconds(1)));
            pending.insert(tx, live, new PendingLoginRepository.Stored(ada, "/", "upstream:corp", NOW.plusSeconds(60)));
            return null;
        });
        assertEquals(1, (int) database.inTransaction(tx -> pending.deleteExpiredOf(tx, ada, NOW)));
        assertTrue(database.read(tx -> pending.find(tx, live, NOW)).isPresent());
    }

    @Test
    void aWorkspaceRequirementIsSetOnceAndReleasedOnce() {
        String admin = user();
        String ws = database.inTransaction(tx -> Seed.workspace(tx, "Acme", NOW).id());
        String other = database.inTransaction(tx -> Seed.workspace(tx, "Other", NOW).id());
        assertFalse(write(tx -> requirements.required(tx, ws)));
        assertTrue(write(tx -> requirements.require(tx, ws, admin, NOW)));
        assertFalse(write(tx -> requirements.require(tx, ws, admin, NOW)), "already required");
        assertTrue(write(tx -> requirements.required(tx, ws)));
        assertFalse(write(tx -> requirements.required(tx, other)), "another workspace is untouched");
        assertTrue(write(tx -> requirements.release(tx, ws)));
        assertFalse(write(tx -> requirements.release(tx, ws)));
        assertFalse(write(tx -> requirements.required(tx, ws)));
    }
}

package dev.portcullis.federation;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@link UpstreamLoginRepository}'s promises on both databases: a state is consumed once, only by
 * the browser that started it and only while live (RFC 9700 §4.7); the newest live sign-in of a
 * browser is found; expired ones are deleted.
 */
@ParameterizedClass
@EnumSource(Db.class)
class UpstreamLoginRepositoryContractTest extends RepositoryContract {
    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));
    static final SecretHash MALLORY = SecretHash.of("mallory's browser");

    static final UpstreamLoginRepository logins = new SqlUpstreamLoginRepository();

    static SecretHash fresh(String what) {
        return SecretHash.of(what + " " + Seed.next());
    }

    static UpstreamLoginRepository.Pending pending(String returnTo, Instant expiresAt) {
        return new UpstreamLoginRepository.Pending("provider-1", "nonce-" + Seed.next(), "verifier-" + Seed.next(), returnTo, expiresAt);
    }

    static void insert(SecretHash state, SecretHash browser, UpstreamLoginRepository.Pending p, Instant at) {
        database.inTransaction(tx -> {
            logins.insert(tx, state, browser, p, at);
            return null;
        });
    }

    static SecretHash start(SecretHash browser, UpstreamLoginRepository.Pending p, Instant at) {
        SecretHash state = fresh("state");
        insert(state, browser, p, at);
        return state;
    }

    static Optional<UpstreamLoginRepository.Pending> consume(SecretHash state, SecretHash browser, Instant now) {
        return database.inTransaction(tx -> logins.consume(tx, state, browser, now));
    }

    static Optional<String> latestReturnTo(SecretHash browser, Instant now) {
        return database.read(tx -> logins.latestReturnTo(tx, browser, now));
    }

    static long rows(SecretHash state) {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM upstream_logins WHERE state_hash = ?", state.hex()));
    }

    @Test
    void aStartedSignInIsConsumedOnceWithEverythingItWaitedWith() {
        SecretHash ada = fresh("ada's browser");
        var p = pending("/authorize?x=1", EXPIRES);
        SecretHash state = start(ada, p, NOW);
        assertEquals(Optional.of(p), consume(state, ada, NOW.plusSeconds(5)), "provider, nonce, verifier, return_to and expiry");
        assertTrue(consume(state, ada, NOW.plusSeconds(6)).isEmpty(), "a replayed state loses");
        assertEquals(0L, rows(state));
    }

    @Test
    void consumeFromAnotherBrowserIsRefusedAndLeavesTheSignInToItsOwner() {
        SecretHash ada = fresh("ada's browser");
        SecretHash state = start(ada, pending("/r", EXPIRES), NOW);
        assertTrue(consume(state, MALLORY, NOW).isEmpty());
        assertEquals(1L, rows(state));
        assertTrue(consume(state, ada, NOW).isPresent());
    }

    @Test
    void consumeWhenExpiredIsRefused() {
        SecretHash ada = fresh("ada's browser");
        SecretHash state = start(ada, pending("/r", EXPIRES), NOW);
        assertTrue(consume(state, ada, EXPIRES).isEmpty(), "at its expiry instant it is over");
        assertTrue(consume(state, ada, EXPIRES.plusSeconds(1)).isEmpty());
    }

    @Test
    void anUnknownStateConsumesNothing() {
        assertTrue(consume(fresh("never sent"), fresh("ada's browser"), NOW).isEmpty());
    }

    @Test
    void aSecondSignInWithTheSameStateIsAUniqueViolationAndKeepsTheFirst() {
        SecretHash ada = fresh("ada's browser");
        var first = pending("/first", EXPIRES);
        SecretHash state = start(ada, first, NOW);
        assertThrows(UniqueViolation.class, () -> insert(state, MALLORY, pending("/mallory", EXPIRES), NOW));
        assertTrue(consume(state, MALLORY, NOW).isEmpty());
        assertEquals(first.nonce(), consume(state, ada, NOW).orElseThrow().nonce());
    }

    @Test
    void latestReturnToIsTheNewestLiveSignInOfThatBrowser() {
        SecretHash ada = fresh("ada's browser");
        start(ada, pending("/older", EXPIRES), NOW);
        start(ada, pending("/newer-but-short", NOW.plusSeconds(120)), NOW.plusSeconds(60));
        start(MALLORY, pending("/mallory", EXPIRES), NOW.plusSeconds(90));
        assertEquals(Optional.of("/newer-but-short"), latestReturnTo(ada, NOW.plusSeconds(100)));
        assertEquals(Optional.of("/older"), latestReturnTo(ada, NOW.plusSeconds(120)), "the newer one expired");
        assertTrue(latestReturnTo(ada, EXPIRES).isEmpty(), "none live");
        assertTrue(latestReturnTo(fresh("a browser that started nothing"), NOW).isEmpty());
    }

    @Test
    void latestReturnToConsumesNothing() {
        SecretHash ada = fresh("ada's browser");
        SecretHash state = start(ada, pending("/r", EXPIRES), NOW);
        assertEquals(Optional.of("/r"), latestReturnTo(ada, NOW));
        assertTrue(consume(state, ada, NOW).isPresent());
        assertTrue(latestReturnTo(ada, NOW).isEmpty(), "a consumed sign-in is gone");
    }

    @Test
    void deleteExpiredDeletesOnlyTheExpiredAndCountsThem() {
        SecretHash ada = fresh("ada's browser");
        Instant sweep = NOW.plus(Duration.ofDays(365));
        database.inTransaction(tx -> logins.deleteExpired(tx, sweep));
        SecretHash atInstant = start(ada, pending("/a", sweep), NOW);
        SecretHash before = start(ada, pending("/b", sweep.minusSeconds(1)), NOW);
        SecretHash live = start(ada, pending("/c", sweep.plusSeconds(1)), NOW);
        int deleted = database.inTransaction(tx -> logins.deleteExpired(tx, sweep));
        assertEquals(2, deleted);
        assertEquals(0L, rows(atInstant));
        assertEquals(0L, rows(before));
        assertEquals(1L, rows(live));
        int again = database.inTransaction(tx -> logins.deleteExpired(tx, sweep));
        assertEquals(0, again);
    }
}

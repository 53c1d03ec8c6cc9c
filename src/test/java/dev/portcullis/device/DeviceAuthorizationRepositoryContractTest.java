package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.device.DeviceAuthorizationRepository.Poll;
import dev.portcullis.identity.Membership;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DeviceAuthorizationRepository}'s promises on both databases: a user code is unique among
 * live authorizations, a decision is taken once, polls are paced (slow_down adds 5 s), an approved
 * authorization is redeemed by one poll only, and revoking the connection deletes it.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DeviceAuthorizationRepositoryContractTest extends RepositoryContract {
    static final DeviceAuthorizationRepository repository = new SqlDeviceAuthorizationRepository();
    static final SecureRandom RANDOM = new SecureRandom();
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final Duration TTL = Duration.ofMinutes(10);
    static String app;
    static String otherApp;
    static Workspace workspace;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        in(tx -> {
            app = Seed.app(tx, "Device app", NOW);
            otherApp = Seed.app(tx, "Other app", NOW);
            workspace = Seed.workspace(tx, "Acme", NOW);
            return null;
        });
    }

    static <T> T in(Function<Tx, T> work) {
        return database.inTransaction(work::apply);
    }

    static boolean yes(Function<Tx, Boolean> work) {
        return in(work);
    }

    static DeviceAuthorization fresh(UserCode code, Instant at) {
        return new DeviceAuthorization(SecretHash.of("device " + Seed.next()), code.hash(), app, List.of("openid", "task:read"),
                DeviceAuthorization.Status.PENDING, Optional.empty(), Optional.empty(), List.of(), INTERVAL, Optional.empty(), at, at.plus(TTL));
    }

    static DeviceAuthorization inserted() {
        DeviceAuthorization a = fresh(UserCode.mint(RANDOM), NOW);
        assertTrue(yes(tx -> repository.insert(tx, a)));
        return a;
    }

    /** A connection of its own person, so that several may exist for one app and workspace. */
    static String connection() {
        String id = "conn-" + Seed.next();
        in(tx -> {
            User user = Seed.user(tx, "Grace", NOW);
            Membership membership = Seed.member(tx, workspace, user, Role.MEMBER, NOW);
            return tx.update("INSERT INTO connections (id, user_id, app_id, workspace_id, membership_id, scopes, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, user.id(), app, workspace.id(), membership.id(), "openid task:read", NOW, NOW);
        });
        return id;
    }

    @Test
    void findPendingByUserCodeWhileLiveOnly() {
        DeviceAuthorization a = inserted();
        var found = in(tx -> repository.findPending(tx, a.userCodeHash(), NOW.plusSeconds(1))).orElseThrow();
        assertEquals(a.deviceCodeHash(), found.deviceCodeHash());
        assertEquals(List.of("openid", "task:read"), found.scopes());
        assertEquals(INTERVAL, found.interval());
        assertTrue(in(tx -> repository.findPending(tx, a.userCodeHash(), NOW.plus(TTL))).isEmpty(), "expired");
    }

    @Test
    void insertWhenUserCodeTakenByLiveAuthorizationThenRefused() {
        UserCode code = UserCode.mint(RANDOM);
        assertTrue(yes(tx -> repository.insert(tx, fresh(code, NOW))));
        assertFalse(yes(tx -> repository.insert(tx, fresh(code, NOW.plusSeconds(1)))), "a live code is never given out twice");
        assertTrue(yes(tx -> repository.insert(tx, fresh(code, NOW.plus(TTL)))), "an expired one's code may be given out again");
    }

    @Test
    void pollWhenPendingThenPendingAndTooSoonThenSlowDownAddingFiveSeconds() {
        DeviceAuthorization a = inserted();
        assertInstanceOf(Poll.Pending.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW)));
        assertInstanceOf(Poll.SlowDown.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(4))));
        // The interval is now 10 s, counted from the last poll (at +4 s).
        assertInstanceOf(Poll.SlowDown.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(10))));
        assertEquals(Duration.ofSeconds(15), in(tx -> repository.findPending(tx, a.userCodeHash(), NOW)).orElseThrow().interval());
        assertInstanceOf(Poll.Pending.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(30))));
    }

    @Test
    void pollByAnotherAppOrUnknownCodeThenUnknown() {
        DeviceAuthorization a = inserted();
        assertInstanceOf(Poll.Unknown.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), otherApp, NOW)));
        assertInstanceOf(Poll.Unknown.class, in(tx -> repository.poll(tx, SecretHash.of("nothing"), app, NOW)));
    }

    @Test
    void approvedIsRedeemedByOnePollOnly() {
        DeviceAuthorization a = inserted();
        String connection = connection();
        assertTrue(yes(tx -> repository.approve(tx, a.userCodeHash(), connection, NOW, List.of("pwd"), NOW.plusSeconds(1))));
        assertFalse(yes(tx -> repository.approve(tx, a.userCodeHash(), connection, NOW, List.of("pwd"), NOW.plusSeconds(2))), "decided once");
        assertFalse(yes(tx -> repository.deny(tx, a.userCodeHash(), NOW.plusSeconds(2))), "decided once");
        var redeemed = assertInstanceOf(Poll.Redeemed.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(6))));
        assertEquals(Optional.of(connection), redeemed.authorization().connectionId());
        assertEquals(Optional.of(NOW), redeemed.authorization().authTime());
        assertInstanceOf(Poll.AlreadyRedeemed.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(12))));
    }

    @Test
    void pollsRacingForAnApprovedAuthorizationRedeemItOnce() {
        DeviceAuthorization a = inserted();
        String connection = connection();
        assertTrue(yes(tx -> repository.approve(tx, a.userCodeHash(), connection, NOW, List.of("pwd"), NOW.plusSeconds(1))));
        int racers = 8;
        List<Future<Poll>> polls;
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            polls = IntStream.range(0, racers)
                    .mapToObj(i -> pool.submit(() -> in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(6)))))
                    .toList();
        }
        List<Poll> results = polls.stream().map(Future::resultNow).toList();
        assertEquals(1, results.stream().filter(Poll.Redeemed.class::isInstance).count(), results.toString());
        assertEquals(racers - 1, results.stream().filter(Poll.AlreadyRedeemed.class::isInstance).count(), results.toString());
    }

    @Test
    void deniedThenPollDeniedAndApprovalRefused() {
        DeviceAuthorization a = inserted();
        assertTrue(yes(tx -> repository.deny(tx, a.userCodeHash(), NOW.plusSeconds(1))));
        String connection = connection();
        assertFalse(yes(tx -> repository.approve(tx, a.userCodeHash(), connection, NOW, List.of("pwd"), NOW.plusSeconds(2))));
        assertInstanceOf(Poll.Denied.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(3))));
    }

    @Test
    void afterItsLifetimeThenExpiredAndNoDecision() {
        DeviceAuthorization a = inserted();
        String connection = connection();
        assertFalse(yes(tx -> repository.approve(tx, a.userCodeHash(), connection, NOW, List.of("pwd"), NOW.plus(TTL))));
        assertInstanceOf(Poll.Expired.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plus(TTL))));
        assertTrue(in(tx -> repository.deleteExpired(tx, NOW.plus(TTL))) >= 1);
        assertInstanceOf(Poll.Unknown.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plus(TTL))));
    }

    @Test
    void revokingTheConnectionDeletesTheApprovedAuthorization() {
        DeviceAuthorization a = inserted();
        String connection = connection();
        assertTrue(yes(tx -> repository.approve(tx, a.userCodeHash(), connection, NOW, List.of("pwd"), NOW.plusSeconds(1))));
        in(tx -> tx.update("DELETE FROM connections WHERE id = ?", connection));
        assertInstanceOf(Poll.Unknown.class, in(tx -> repository.poll(tx, a.deviceCodeHash(), app, NOW.plusSeconds(6))));
    }
}

package dev.portcullis.token;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.token.TokenRepository.AccessTokenRow;
import dev.portcullis.token.TokenRepository.Code;
import dev.portcullis.token.TokenRepository.Grant;
import dev.portcullis.token.TokenRepository.Redemption;
import dev.portcullis.token.TokenRepository.RefreshTokenRow;
import dev.portcullis.token.TokenRepository.Rotation;
import dev.portcullis.userinfo.ClaimsRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TokenRepository}'s promises on both databases: a code is redeemed once, a refresh token
 * rotated once (also when raced), revocation stays within its client and kills whole families,
 * and the resolver's look-ups find only live rows of apps with OAuth on.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TokenRepositoryContractTest extends RepositoryContract {
    static final Instant FAMILY_END = NOW.plus(Duration.ofDays(30));
    static final ScopeCatalog SCOPES = ScopeCatalog.builtIn();
    static final ClaimsRequest EMAIL = ClaimsRequest.fromJson("{\"userinfo\":{\"email\":{\"essential\":true}}}");
    static final int RACERS = 8;

    static final TokenRepository tokens = new SqlTokenRepository();
    static ApiKeyFixture.Workspace acme;
    static String connection;
    static int serial;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        acme = new ApiKeyFixture(database).workspace("acme");
        write(tx -> {
            for (String app : List.of("taskr", "other", "switched-off")) {
                tx.update("INSERT INTO apps (id, name, oauth_enabled, client_type, token_endpoint_auth_method, grant_types, scopes, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", app, app, !app.equals("switched-off"), "confidential",
                        "client_secret_basic", "authorization_code refresh_token", "openid", NOW);
            }
            tx.update("INSERT INTO connections (id, user_id, app_id, workspace_id, membership_id, scopes, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "conn-1", acme.adminUserId(), "taskr", acme.id(), acme.adminMemberId(),
                    "openid", NOW, NOW);
            tx.update("INSERT INTO connections (id, user_id, app_id, workspace_id, membership_id, scopes, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "conn-off", acme.adminUserId(), "switched-off", acme.id(),
                    acme.adminMemberId(), "openid", NOW, NOW);
        });
        connection = "conn-1";
    }

    static void write(Consumer<Tx> work) {
        database.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    static SecretHash hash(String what) {
        return SecretHash.of(what + " " + (++serial));
    }

    static Grant grant(String app, Instant expiresAt) {
        String conn = app.equals("switched-off") ? "conn-off" : connection;
        Grant grant = new Grant("grant-" + (++serial), app, conn, List.of("openid", "task:read"), Optional.of("https://api.example"),
                NOW.minusSeconds(30), NOW, expiresAt, EMAIL);
        write(tx -> tokens.insertGrant(tx, grant));
        return grant;
    }

    static Grant grant() {
        return grant("taskr", FAMILY_END);
    }

    static AccessTokenRow access(Grant grant, String format) {
        var row = new AccessTokenRow(hash("access"), grant.appId(), Optional.of(grant.id()), List.of("task:read"),
                Optional.of("https://api.example"), format, NOW, Optional.of(NOW.plusSeconds(3600)));
        write(tx -> tokens.insertAccessToken(tx, row));
        return row;
    }

    static RefreshTokenRow refresh(Grant grant, Instant expiresAt) {
        var row = new RefreshTokenRow(hash("refresh"), grant.id(), List.of("openid", "task:read"), NOW, expiresAt);
        write(tx -> tokens.insertRefreshToken(tx, row));
        return row;
    }

    static Code code(String app) {
        var code = new Code(hash("code"), app, connection, "https://app.example/cb", List.of("openid", "task:read"),
                Optional.of("challenge"), Optional.of("nonce"), Optional.of("https://api.example"), NOW.minusSeconds(30), NOW,
                NOW.plusSeconds(60), EMAIL, List.of("urn:acr:1", "urn:acr:2"), Optional.empty(), List.of("pwd", "otp", "mfa"));
        write(tx -> tokens.insertCode(tx, code));
        return code;
    }

    static Optional<AccessTokenCredential> findAccess(SecretHash hash, boolean jwt) {
        return database.read(tx -> tokens.findAccessCredential(tx, hash, jwt, SCOPES));
    }

    static Optional<RefreshTokenCredential> findRefresh(SecretHash hash) {
        return database.read(tx -> tokens.findRefreshCredential(tx, hash, SCOPES));
    }

    static Redemption redeem(SecretHash code, String app) {
        return database.inTransaction(tx -> tokens.redeem(tx, code, app, NOW));
    }

    static Rotation rotate(SecretHash token, String app, Instant now) {
        return database.inTransaction(tx -> tokens.rotate(tx, token, app, now));
    }

    /** Runs {@code attempt} on {@link #RACERS} threads at once; their results. */
    static <T> List<T> race(Callable<T> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) futures.add(pool.submit(attempt));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void insertGrantThenFindGrantAndClaimsOfReadItBack() {
        Grant grant = grant();
        assertEquals(Optional.of(grant), database.read(tx -> tokens.findGrant(tx, grant.id())));
        assertEquals(EMAIL, database.read(tx -> tokens.claimsOf(tx, grant.id())));
        assertEquals(Optional.empty(), database.read(tx -> tokens.findGrant(tx, "no-such-grant")));
        assertEquals(ClaimsRequest.NONE, database.read(tx -> tokens.claimsOf(tx, "no-such-grant")));
    }

    @Test
    void revokeGrantDeletesTheGrantAndEveryTokenOfIt() {
        Grant grant = grant();
        AccessTokenRow access = access(grant, "opaque");
        RefreshTokenRow refresh = refresh(grant, FAMILY_END);
        Grant bystander = grant();
        AccessTokenRow kept = access(bystander, "opaque");
        write(tx -> tokens.revokeGrant(tx, grant.id()));
        assertEquals(Optional.empty(), database.read(tx -> tokens.findGrant(tx, grant.id())));
        assertEquals(Optional.empty(), findAccess(access.hash(), false));
        assertEquals(Optional.empty(), findRefresh(refresh.hash()));
        assertTrue(findAccess(kept.hash(), false).isPresent(), "another family is untouched");
    }

    @Test
    void redeemWhenUnusedThenTheCodeAsStoredOnceThenReplayedWithItsGrant() {
        Code code = code("taskr");
        var first = assertInstanceOf(Redemption.Redeemed.class, redeem(code.hash(), "taskr"));
        assertEquals(code, first.code());
        Grant grant = grant();
        write(tx -> tokens.attachGrant(tx, code.hash(), grant.id()));
        assertEquals(new Redemption.Replayed(Optional.of(grant.id())), redeem(code.hash(), "taskr"), "the second redeem loses");
    }

    @Test
    void redeemWhenReplayedBeforeAGrantWasAttachedThenReplayedWithoutOne() {
        Code code = code("taskr");
        assertInstanceOf(Redemption.Redeemed.class, redeem(code.hash(), "taskr"));
        assertEquals(new Redemption.Replayed(Optional.empty()), redeem(code.hash(), "taskr"));
    }

    @Test
    void redeemWhenAnotherAppOrUnknownCodeThenUnknownAndTheCodeStaysUnused() {
        Code code = code("taskr");
        assertEquals(new Redemption.Unknown(), redeem(code.hash(), "other"));
        assertEquals(new Redemption.Unknown(), redeem(hash("never issued"), "taskr"));
        assertInstanceOf(Redemption.Redeemed.class, redeem(code.hash(), "taskr"), "another app's attempt spent nothing");
    }

    @Test
    void redeemWhenRacedThenExactlyOneWins() throws Exception {
        Code code = code("taskr");
        List<Redemption> results = race(() -> redeem(code.hash(), "taskr"));
        assertEquals(1, results.stream().filter(Redemption.Redeemed.class::isInstance).count(), results.toString());
        assertEquals(RACERS - 1, results.stream().filter(Redemption.Replayed.class::isInstance).count(), results.toString());
    }

    @Test
    void rotateWhenLiveThenRotatedOnceWithItsGrantThenReused() {
        Grant grant = grant();
        RefreshTokenRow token = refresh(grant, NOW.plusSeconds(3600));
        var rotated = assertInstanceOf(Rotation.Rotated.class, rotate(token.hash(), "taskr", NOW));
        assertEquals(token, rotated.token());
        assertEquals(grant, rotated.grant());
        assertEquals(new Rotation.Reused(grant.id()), rotate(token.hash(), "taskr", NOW), "the second rotation loses");
        assertEquals(Optional.empty(), findRefresh(token.hash()), "a used refresh token is no credential");
    }

    @Test
    void rotateWhenExpiredOrFamilyExpiredOrAnotherAppThenUnknownAndNothingSpent() {
        RefreshTokenRow expired = refresh(grant(), NOW);
        assertEquals(new Rotation.Unknown(), rotate(expired.hash(), "taskr", NOW), "expires_at is exclusive");
        RefreshTokenRow orphaned = refresh(grant("taskr", NOW.minusSeconds(1)), NOW.plusSeconds(3600));
        assertEquals(new Rotation.Unknown(), rotate(orphaned.hash(), "taskr", NOW), "the family's end binds every token");
        RefreshTokenRow live = refresh(grant(), NOW.plusSeconds(3600));
        assertEquals(new Rotation.Unknown(), rotate(live.hash(), "other", NOW));
        assertEquals(new Rotation.Unknown(), rotate(hash("never issued"), "taskr", NOW));
        assertInstanceOf(Rotation.Rotated.class, rotate(live.hash(), "taskr", NOW), "another app's attempt spent nothing");
    }

    @Test
    void rotateWhenRacedThenExactlyOneWins() throws Exception {
        RefreshTokenRow token = refresh(grant(), NOW.plusSeconds(3600));
        List<Rotation> results = race(() -> rotate(token.hash(), "taskr", NOW));
        assertEquals(1, results.stream().filter(Rotation.Rotated.class::isInstance).count(), results.toString());
        assertEquals(RACERS - 1, results.stream().filter(Rotation.Reused.class::isInstance).count(), results.toString());
    }

    @Test
    void findAccessCredentialWhenUserTokenThenItsGrantConnectionAndWorkspace() {
        Grant grant = grant();
        AccessTokenRow row = access(grant, "opaque");
        AccessTokenCredential found = findAccess(row.hash(), false).orElseThrow();
        var workspace = new Credential.Workspace(acme.id(), acme.name(), acme.slug(), Optional.of("https://example.com/acme.png"));
        assertEquals(new AccessTokenCredential(row.hash(), "taskr", Optional.of(new Credential.UserGrant(grant.id(), connection,
                        acme.adminUserId(), acme.adminMemberId(), workspace)), SCOPES.stored("task:read"),
                Optional.of("https://api.example"), false, NOW, Optional.of(NOW.plusSeconds(3600))), found);
        assertEquals(Optional.empty(), findAccess(row.hash(), true), "an opaque row never answers for a JWT");
    }

    @Test
    void dpopBoundTokensAndCodesKeepTheirKeyThumbprint() {
        String jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        Grant grant = grant();
        var access = new AccessTokenRow(hash("bound"), "taskr", Optional.of(grant.id()), List.of("task:read"), Optional.empty(),
                "opaque", NOW, Optional.of(NOW.plusSeconds(3600)), Optional.of(jkt));
        write(tx -> tokens.insertAccessToken(tx, access));
        assertEquals(Optional.of(jkt), findAccess(access.hash(), false).orElseThrow().jkt());
        assertEquals(Optional.empty(), findAccess(access(grant, "opaque").hash(), false).orElseThrow().jkt(), "a bearer token has none");

        var refresh = new RefreshTokenRow(hash("bound refresh"), grant.id(), List.of("openid"), NOW, NOW.plusSeconds(3600),
                Optional.of(jkt));
        write(tx -> tokens.insertRefreshToken(tx, refresh));
        assertEquals(Optional.of(jkt), assertInstanceOf(Rotation.Rotated.class, rotate(refresh.hash(), "taskr", NOW)).token().jkt());

        var code = new Code(hash("bound code"), "taskr", connection, "https://app.example/cb", List.of("openid"), Optional.empty(),
                Optional.empty(), Optional.empty(), NOW, NOW, NOW.plusSeconds(60), ClaimsRequest.NONE, List.of(), Optional.of(jkt));
        write(tx -> tokens.insertCode(tx, code));
        assertEquals(code, assertInstanceOf(Redemption.Redeemed.class, redeem(code.hash(), "taskr")).code());
    }

    @Test
    void findAccessCredentialWhenDelegatedGrantThenItsActorChain() {
        Grant delegated = new Grant("grant-" + (++serial), "taskr", connection, List.of("task:read"), Optional.of("https://api.example"),
                NOW, NOW, FAMILY_END);
        String act = "{\"sub\":\"mcp-server\",\"act\":{\"sub\":\"agent\"}}";
        write(tx -> tokens.insertDelegatedGrant(tx, delegated, act));
        AccessTokenRow row = access(delegated, "opaque");

        assertEquals(Optional.of(act), findAccess(row.hash(), false).orElseThrow().grant().orElseThrow().act());
        assertEquals(Optional.empty(), findAccess(access(grant(), "opaque").hash(), false).orElseThrow().grant().orElseThrow().act(),
                "a grant the user gave directly has no actor");
    }

    @Test
    void findAccessCredentialWhenJwtRowThenOnlyAsJwt() {
        AccessTokenRow row = access(grant(), "jwt");
        assertTrue(findAccess(row.hash(), true).orElseThrow().jwt());
        assertEquals(Optional.empty(), findAccess(row.hash(), false));
    }

    @Test
    void findAccessCredentialWhenClientCredentialsThenNoGrantAndNoExpiryIfNoneStored() {
        var row = new AccessTokenRow(hash("cc"), "taskr", Optional.empty(), List.of(), Optional.empty(), "opaque", NOW,
                Optional.empty());
        write(tx -> tokens.insertAccessToken(tx, row));
        AccessTokenCredential found = findAccess(row.hash(), false).orElseThrow();
        assertEquals(Optional.empty(), found.grant());
        assertEquals(Optional.empty(), found.expiresAt());
        assertEquals("taskr", found.audience());
    }

    @Test
    void findCredentialsWhenAppHasOAuthOffOrRowUnknownThenEmpty() {
        Grant grant = grant("switched-off", FAMILY_END);
        assertEquals(Optional.empty(), findAccess(access(grant, "opaque").hash(), false));
        assertEquals(Optional.empty(), findRefresh(refresh(grant, FAMILY_END).hash()));
        assertEquals(Optional.empty(), findAccess(hash("never issued"), false));
        assertEquals(Optional.empty(), findRefresh(hash("never issued")));
    }

    @Test
    void findRefreshCredentialThenTheEarlierOfItsOwnAndItsFamilysExpiry() {
        Grant grant = grant("taskr", NOW.plusSeconds(600));
        RefreshTokenRow outlivesFamily = refresh(grant, NOW.plusSeconds(3600));
        RefreshTokenRow shorter = refresh(grant, NOW.plusSeconds(60));
        RefreshTokenCredential found = findRefresh(outlivesFamily.hash()).orElseThrow();
        assertEquals(NOW.plusSeconds(600), found.expiry());
        assertEquals("taskr", found.clientId());
        assertEquals(grant.id(), found.grant().grantId());
        assertEquals(acme.adminMemberId(), found.grant().memberId());
        assertEquals(SCOPES.stored("openid task:read"), found.scopes());
        assertEquals(NOW.plusSeconds(60), findRefresh(shorter.hash()).orElseThrow().expiry());
    }

    @Test
    void revokeAccessTokenOnlyForItsOwnAppAndFormat() {
        AccessTokenRow row = access(grant(), "opaque");
        assertEquals(List.of(), database.inTransaction(tx -> tokens.revokeAccessToken(tx, row.hash(), false, "other")));
        assertEquals(List.of(), database.inTransaction(tx -> tokens.revokeAccessToken(tx, row.hash(), true, "taskr")));
        assertTrue(findAccess(row.hash(), false).isPresent(), "left alone");
        assertEquals(List.of(row.hash()), database.inTransaction(tx -> tokens.revokeAccessToken(tx, row.hash(), false, "taskr")));
        assertEquals(Optional.empty(), findAccess(row.hash(), false));
        assertEquals(List.of(), database.inTransaction(tx -> tokens.revokeAccessToken(tx, row.hash(), false, "taskr")), "once");
    }

    @Test
    void revokeRefreshTokenKillsTheWholeFamilyEvenByAUsedTokenAndNamesItsAccessTokens() {
        Grant grant = grant();
        RefreshTokenRow first = refresh(grant, NOW.plusSeconds(3600));
        assertInstanceOf(Rotation.Rotated.class, rotate(first.hash(), "taskr", NOW));
        RefreshTokenRow second = refresh(grant, NOW.plusSeconds(3600));
        AccessTokenRow a = access(grant, "opaque");
        AccessTokenRow b = access(grant, "jwt");
        Grant bystander = grant();
        AccessTokenRow kept = access(bystander, "opaque");

        assertEquals(List.of(), database.inTransaction(tx -> tokens.revokeRefreshToken(tx, first.hash(), "other")));
        assertTrue(findRefresh(second.hash()).isPresent(), "another app's attempt killed nothing");

        List<SecretHash> died = database.inTransaction(tx -> tokens.revokeRefreshToken(tx, first.hash(), "taskr"));
        assertEquals(Set.of(a.hash(), b.hash()), Set.copyOf(died));
        assertEquals(2, died.size());
        assertEquals(Optional.empty(), database.read(tx -> tokens.findGrant(tx, grant.id())));
        assertEquals(Optional.empty(), findRefresh(second.hash()));
        assertEquals(Optional.empty(), findAccess(a.hash(), false));
        assertEquals(Optional.empty(), findAccess(b.hash(), true));
        assertTrue(findAccess(kept.hash(), false).isPresent(), "another family is untouched");
        assertEquals(List.of(), database.inTransaction(tx -> tokens.revokeRefreshToken(tx, second.hash(), "taskr")), "already gone");
    }
}

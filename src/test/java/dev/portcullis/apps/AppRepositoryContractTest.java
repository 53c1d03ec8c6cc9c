package dev.portcullis.apps;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AppRepository}'s promises on both databases: an app and its redirect URIs and secrets
 * round-trip whole, secrets verify only while unexpired, a registration token opens only its own
 * self-registered app, and deleting an app takes its URIs and secrets with it.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AppRepositoryContractTest extends RepositoryContract {
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00.789Z");
    static final String ADA = "user-ada";
    static final String BOB = "user-bob";

    static final AppRepository apps = new SqlAppRepository();
    static int ids;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        database.inTransaction(tx -> {
            for (String id : List.of(ADA, BOB)) {
                tx.update("INSERT INTO users (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', ?)",
                        id, id + "@example.com", id + "@example.com", id, NOW);
            }
            return null;
        });
    }

    static AppSettings confidential() {
        return AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri("http://127.0.0.1/cb"), new RedirectUri("https://taskr.example/cb")))
                .withScopes(List.of("task:read", "openid", "offline_access"));
    }

    /** Every column away from its default: a JWT format, a fixed lifetime, keys, links, ES256, UserInfo signed. */
    static AppSettings everythingSet() {
        String jwks;
        try {
            jwks = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK()).toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new AppSettings("Signer", "Signs its assertions", Optional.of("https://signer.example/logo.png"), false,
                AuthMethod.PRIVATE_KEY_JWT, EnumSet.of(GrantType.CLIENT_CREDENTIALS, GrantType.AUTHORIZATION_CODE,
                GrantType.REFRESH_TOKEN, GrantType.IMPLICIT), List.of("note:read", "task:read-write"),
                List.of(new RedirectUri("com.example.signer:/cb")), AccessTokenFormat.JWT,
                new Lifetime.Fixed(Duration.ofMinutes(5)), "ES256", true, new ClientKeys(Optional.of(jwks), Optional.empty(),
                Optional.of("ES256")), Optional.of("EdDSA"), Optional.of("https://signer.example/privacy"),
                Optional.of("https://signer.example/terms"), Optional.of("https://signer.example/"),
                new Assurance(true, true, Assurance.Profile.NONE));
    }

    static App insert(Optional<String> owner, AppSettings settings, boolean selfRegistered, Instant createdAt) {
        App app = new App("client-" + (++ids), owner, settings, selfRegistered, createdAt);
        database.inTransaction(tx -> {
            apps.insert(tx, app);
            return null;
        });
        return app;
    }

    static App insert(AppSettings settings) {
        return insert(Optional.of(ADA), settings, false, NOW);
    }

    static Optional<App> find(String clientId) {
        return database.read(tx -> apps.find(tx, clientId));
    }

    static long count(String sql, Object... args) {
        return database.read(tx -> tx.count(sql, args));
    }

    static void addSecret(String secretId, String clientId, String secret, Instant at) {
        database.inTransaction(tx -> {
            apps.addSecret(tx, secretId, clientId, SecretHash.of(secret), secret.substring(secret.length() - 4), at);
            return null;
        });
    }

    static boolean valid(String clientId, String secret, Instant at) {
        return database.read(tx -> apps.hasValidSecret(tx, clientId, SecretHash.of(secret), at));
    }

    static void expireOthers(String clientId, String keep, Instant until) {
        database.inTransaction(tx -> {
            apps.expireSecretsExcept(tx, clientId, keep, until);
            return null;
        });
    }

    static boolean delete(String clientId) {
        return database.inTransaction(tx -> apps.delete(tx, clientId));
    }

    static boolean deleteRegistered(String clientId, SecretHash token) {
        return database.inTransaction(tx -> apps.deleteRegistered(tx, clientId, token));
    }

    static App selfRegistered(String name) {
        return insert(Optional.empty(), AppSettings.defaults(name, AuthMethod.NONE), true, NOW);
    }

    static SecretHash setRegistrationToken(App app, String token) {
        SecretHash hash = SecretHash.of(token);
        database.inTransaction(tx -> {
            apps.setRegistrationToken(tx, app.clientId(), hash);
            return null;
        });
        return hash;
    }

    static Optional<App> findRegistered(String clientId, SecretHash token) {
        return database.read(tx -> apps.findRegistered(tx, clientId, token));
    }

    static Optional<Instant> lastUsed(String clientId) {
        return database.read(tx -> tx.queryOne("SELECT last_used_at FROM apps WHERE id = ?", r -> r.optionalInstant("last_used_at"),
                clientId)).orElseThrow();
    }

    @Test
    void findWhenInsertedThenEverySettingAndRedirectUriComesBackToTheMillisecond() {
        App plain = insert(Optional.empty(), confidential(), true, NOW);
        assertEquals(Optional.of(plain), find(plain.clientId()));
        App full = insert(everythingSet());
        assertEquals(Optional.of(full), find(full.clientId()));
        assertEquals(List.of("note:read", "task:read-write"), find(full.clientId()).orElseThrow().scopes(), "scope order is kept");
    }

    @Test
    void findWhenFapi2ThenTheProfileAndWhatItImpliesComeBack() {
        AppSettings s = everythingSet();
        var fapi = new AppSettings(s.name(), s.description(), s.logoUrl(), true, s.authMethod(),
                EnumSet.of(GrantType.AUTHORIZATION_CODE), s.scopes(), s.redirectUris(), s.accessTokenFormat(), s.accessTokenLifetime(),
                "ES256", false, s.clientKeys(), Optional.empty(), Optional.empty(), Optional.empty(),
                new Assurance(false, false, Assurance.Profile.FAPI2));
        App app = insert(fapi);
        Assurance stored = find(app.clientId()).orElseThrow().assurance();
        assertEquals(new Assurance(true, true, Assurance.Profile.FAPI2), stored);
        assertEquals(Optional.of(app), find(app.clientId()));
    }

    @Test
    void findThenRedirectUrisComeBackInUriOrderNotInTheOrderGiven() {
        var uris = List.of(new RedirectUri("https://c.example/cb"), new RedirectUri("https://a.example/cb"),
                new RedirectUri("https://b.example/cb"));
        App app = insert(confidential().withRedirectUris(uris));
        assertEquals(List.of(uris.get(1), uris.get(2), uris.get(0)), find(app.clientId()).orElseThrow().redirectUris());
    }

    @Test
    void findWhenTheLifetimeIsNeverThenNeverAndWhenPublicThenThePublicType() {
        var never = new AppSettings("Forever", "", Optional.empty(), true, AuthMethod.CLIENT_SECRET_POST,
                EnumSet.of(GrantType.CLIENT_CREDENTIALS), List.of(), List.of(), AccessTokenFormat.OPAQUE, new Lifetime.Never(),
                "RS256", false);
        App forever = insert(never);
        assertEquals(new Lifetime.Never(), find(forever.clientId()).orElseThrow().settings().accessTokenLifetime());
        App agent = insert(AppSettings.defaults("Agent", AuthMethod.NONE));
        assertEquals(Optional.of(agent), find(agent.clientId()));
        assertEquals(1L, count("SELECT count(*) AS n FROM apps WHERE id = ? AND client_type = 'public'", agent.clientId()));
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertTrue(find("client-nobody").isEmpty());
    }

    @Test
    void insertWhenTheClientIdIsTakenThenUniqueViolationAndNothingOfTheSecondIsStored() {
        App first = insert(confidential());
        App copy = new App(first.clientId(), Optional.of(BOB), everythingSet(), false, NOW.plusSeconds(1));
        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx -> {
            apps.insert(tx, copy);
            return null;
        }));
        assertEquals(Optional.of(first), find(first.clientId()));
        assertEquals(0L, count("SELECT count(*) AS n FROM app_redirect_uris WHERE uri = ?", "com.example.signer:/cb"));
    }

    @Test
    void listByOwnerThenOnlyTheOwnersAppsOldestFirstThenById() {
        Instant t = NOW.plus(Duration.ofDays(1));
        App later = insert(Optional.of(BOB), confidential(), false, t.plusSeconds(10));
        App first = insert(Optional.of(BOB), confidential(), false, t);
        App sameTime = insert(Optional.of(BOB), confidential(), false, t);
        insert(Optional.of(ADA), confidential(), false, t);
        insert(Optional.empty(), confidential(), true, t);
        assertEquals(List.of(first, sameTime, later), database.read(tx -> apps.listByOwner(tx, BOB)).stream()
                .filter(a -> !a.createdAt().isBefore(t)).toList());
        assertEquals(List.of(), database.read(tx -> apps.listByOwner(tx, "user-nobody")));
    }

    @Test
    void updateThenSettingsAndRedirectUrisReplacedAndOwnerCreationAndSelfRegistrationKept() {
        App before = insert(Optional.of(BOB), confidential(), true, NOW);
        AppSettings after = everythingSet();
        database.inTransaction(tx -> {
            apps.update(tx, before.clientId(), after);
            return null;
        });
        assertEquals(Optional.of(new App(before.clientId(), Optional.of(BOB), after, true, NOW)), find(before.clientId()));
        assertEquals(1L, count("SELECT count(*) AS n FROM app_redirect_uris WHERE app_id = ?", before.clientId()),
                "the old redirect URIs are gone");
        assertEquals(1L, count("SELECT count(*) AS n FROM apps WHERE id = ? AND client_type = 'confidential'", before.clientId()));
        database.inTransaction(tx -> {
            apps.update(tx, before.clientId(), AppSettings.defaults("Now public", AuthMethod.NONE));
            return null;
        });
        assertEquals(1L, count("SELECT count(*) AS n FROM apps WHERE id = ? AND client_type = 'public'", before.clientId()),
                "the client type follows the authentication method");
        assertEquals(List.of(), find(before.clientId()).orElseThrow().redirectUris());
    }

    @Test
    void updateWhenTheHomePageIsSetOrClearedThenClientUrlFollows() {
        App app = insert(everythingSet().withClientUrl(Optional.empty()));
        assertEquals(1L, count("SELECT count(*) AS n FROM apps WHERE id = ? AND client_url IS NULL", app.clientId()));
        database.inTransaction(tx -> {
            apps.update(tx, app.clientId(), everythingSet());
            return null;
        });
        assertEquals(Optional.of("https://signer.example/"), find(app.clientId()).orElseThrow().settings().clientUrl());
        database.inTransaction(tx -> {
            apps.update(tx, app.clientId(), everythingSet().withClientUrl(Optional.empty()));
            return null;
        });
        assertEquals(Optional.empty(), find(app.clientId()).orElseThrow().settings().clientUrl());
        assertEquals(1L, count("SELECT count(*) AS n FROM apps WHERE id = ? AND client_url IS NULL", app.clientId()));
    }

    @Test
    void updateWhenUnknownThenFailsAndCreatesNothing() {
        assertThrows(RuntimeException.class, () -> database.inTransaction(tx -> {
            apps.update(tx, "client-ghost", confidential());
            return null;
        }));
        assertTrue(find("client-ghost").isEmpty());
        assertEquals(0L, count("SELECT count(*) AS n FROM app_redirect_uris WHERE app_id = ?", "client-ghost"));
    }

    @Test
    void deleteThenTrueOnceAndItsRedirectUrisAndSecretsGoWithIt() {
        App app = insert(confidential());
        addSecret("secret-del", app.clientId(), "pc_secret_delete-me", NOW);
        assertTrue(delete(app.clientId()));
        assertFalse(delete(app.clientId()), "already gone");
        assertTrue(find(app.clientId()).isEmpty());
        assertEquals(0L, count("SELECT count(*) AS n FROM app_redirect_uris WHERE app_id = ?", app.clientId()));
        assertEquals(0L, count("SELECT count(*) AS n FROM client_secrets WHERE app_id = ?", app.clientId()));
    }

    @Test
    void hasValidSecretOnlyForTheRightSecretOfTheRightApp() {
        App app = insert(confidential());
        App other = insert(confidential());
        addSecret("secret-ok", app.clientId(), "pc_secret_right", NOW);
        assertTrue(valid(app.clientId(), "pc_secret_right", NOW));
        assertFalse(valid(app.clientId(), "pc_secret_wrong", NOW));
        assertFalse(valid(other.clientId(), "pc_secret_right", NOW), "a secret is only its own app's");
        assertEquals(0L, count("SELECT count(*) AS n FROM client_secrets WHERE secret_hash = ?", "pc_secret_right"),
                "only the hash is stored");
    }

    @Test
    void addSecretWhenTheSameSecretOrIdIsStoredThenUniqueViolation() {
        App app = insert(confidential());
        addSecret("secret-once", app.clientId(), "pc_secret_once", NOW);
        assertThrows(UniqueViolation.class, () -> addSecret("secret-twice", app.clientId(), "pc_secret_once", NOW));
        assertThrows(UniqueViolation.class, () -> addSecret("secret-once", app.clientId(), "pc_secret_other", NOW));
        assertEquals(1, database.read(tx -> apps.secrets(tx, app.clientId(), NOW)).size());
    }

    @Test
    void expireSecretsExceptThenTheOthersWorkUntilTheGraceEndsAndTheKeptOneStays() {
        App app = insert(confidential());
        addSecret("secret-old", app.clientId(), "pc_secret_old1", NOW);
        addSecret("secret-new", app.clientId(), "pc_secret_new1", NOW.plusSeconds(1));
        Instant graceEnds = NOW.plus(Duration.ofHours(1));
        expireOthers(app.clientId(), "secret-new", graceEnds);
        assertTrue(valid(app.clientId(), "pc_secret_old1", graceEnds.minusMillis(1)), "still in its grace period");
        assertFalse(valid(app.clientId(), "pc_secret_old1", graceEnds), "expired at the end of it");
        assertTrue(valid(app.clientId(), "pc_secret_new1", graceEnds.plus(Duration.ofDays(365))), "the kept one never expires");
    }

    @Test
    void expireSecretsExceptNeverExtendsAnEarlierExpiry() {
        App app = insert(confidential());
        addSecret("secret-a", app.clientId(), "pc_secret_aaaa", NOW);
        addSecret("secret-b", app.clientId(), "pc_secret_bbbb", NOW);
        addSecret("secret-c", app.clientId(), "pc_secret_cccc", NOW);
        Instant soon = NOW.plusSeconds(60);
        expireOthers(app.clientId(), "secret-c", soon);
        expireOthers(app.clientId(), "secret-b", NOW.plus(Duration.ofDays(1)));
        assertFalse(valid(app.clientId(), "pc_secret_aaaa", soon), "a second, later grace does not revive it");
        assertTrue(valid(app.clientId(), "pc_secret_cccc", soon), "the previously kept one gets the new grace");
        assertFalse(valid(app.clientId(), "pc_secret_cccc", NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void secretsThenTheUnexpiredOnesOldestFirstWithHintAndExpiry() {
        App app = insert(confidential());
        addSecret("secret-2", app.clientId(), "pc_secret_zz22", NOW.plusSeconds(2));
        addSecret("secret-1", app.clientId(), "pc_secret_yy11", NOW.plusSeconds(1));
        addSecret("secret-3", app.clientId(), "pc_secret_xx33", NOW.plusSeconds(3));
        expireOthers(app.clientId(), "secret-3", NOW.plusSeconds(60));
        var expected = List.of(
                new AppRepository.ClientSecretInfo("secret-1", "yy11", NOW.plusSeconds(1), Optional.of(NOW.plusSeconds(60))),
                new AppRepository.ClientSecretInfo("secret-2", "zz22", NOW.plusSeconds(2), Optional.of(NOW.plusSeconds(60))),
                new AppRepository.ClientSecretInfo("secret-3", "xx33", NOW.plusSeconds(3), Optional.empty()));
        assertEquals(expected, database.read(tx -> apps.secrets(tx, app.clientId(), NOW.plusSeconds(59))));
        assertEquals(List.of(expected.get(2)), database.read(tx -> apps.secrets(tx, app.clientId(), NOW.plusSeconds(60))));
        assertEquals(List.of(), database.read(tx -> apps.secrets(tx, "client-nobody", NOW)));
    }

    @Test
    void findRegisteredOnlyWithItsOwnTokenAndOnlyForASelfRegisteredApp() {
        App registered = selfRegistered("Agent");
        App managed = insert(confidential());
        SecretHash token = setRegistrationToken(registered, "pc_reg_agent");
        SecretHash managedToken = setRegistrationToken(managed, "pc_reg_managed");
        assertEquals(Optional.of(registered), findRegistered(registered.clientId(), token));
        assertTrue(findRegistered(registered.clientId(), managedToken).isEmpty(), "another app's token");
        assertTrue(findRegistered(managed.clientId(), managedToken).isEmpty(), "an app made in the dashboard is not managed by RFC 7592");
        assertTrue(findRegistered("client-nobody", token).isEmpty());
    }

    @Test
    void setRegistrationTokenReplacesTheOldTokenAndATokenServesOneAppOnly() {
        App registered = selfRegistered("Agent");
        App other = selfRegistered("Agent 2");
        SecretHash old = setRegistrationToken(registered, "pc_reg_old");
        SecretHash fresh = setRegistrationToken(registered, "pc_reg_fresh");
        assertTrue(findRegistered(registered.clientId(), old).isEmpty());
        assertTrue(findRegistered(registered.clientId(), fresh).isPresent());
        assertThrows(UniqueViolation.class, () -> setRegistrationToken(other, "pc_reg_fresh"));
    }

    @Test
    void deleteRegisteredOnlyWithItsOwnTokenAndOnlyForASelfRegisteredApp() {
        App registered = selfRegistered("Agent");
        App managed = insert(confidential());
        SecretHash token = setRegistrationToken(registered, "pc_reg_delete");
        SecretHash managedToken = setRegistrationToken(managed, "pc_reg_delete_managed");
        assertFalse(deleteRegistered(registered.clientId(), SecretHash.of("pc_reg_guess")));
        assertFalse(deleteRegistered(managed.clientId(), managedToken));
        assertTrue(find(registered.clientId()).isPresent());
        assertTrue(find(managed.clientId()).isPresent());
        assertTrue(deleteRegistered(registered.clientId(), token));
        assertFalse(deleteRegistered(registered.clientId(), token), "already gone");
        assertTrue(find(registered.clientId()).isEmpty());
    }

    @Test
    void markUsedRecordsTheFirstUseAndThenOnlyWhenTheLastIsOlderThanUnlessAfter() {
        App app = insert(confidential());
        assertEquals(Optional.empty(), lastUsed(app.clientId()));
        Instant first = NOW.plusSeconds(10);
        markUsed(app.clientId(), first, first.minusSeconds(60));
        assertEquals(Optional.of(first), lastUsed(app.clientId()));
        markUsed(app.clientId(), first.plusSeconds(30), first);
        assertEquals(Optional.of(first), lastUsed(app.clientId()), "recorded at the cut-off already: skipped");
        Instant later = first.plusSeconds(90);
        markUsed(app.clientId(), later, first.plusMillis(1));
        assertEquals(Optional.of(later), lastUsed(app.clientId()));
    }

    static void markUsed(String clientId, Instant now, Instant unlessAfter) {
        database.inTransaction(tx -> {
            apps.markUsed(tx, clientId, now, unlessAfter);
            return null;
        });
    }

    @Test
    void deleteUnusedSelfRegisteredTakesOnlyOwnerlessNeverUsedSelfRegisteredAppsCreatedBeforeTheCutOff() {
        Instant t = NOW.minus(Duration.ofDays(30));
        Instant cutOff = t.plus(Duration.ofDays(1));
        AppSettings agent = AppSettings.defaults("Agent", AuthMethod.NONE);
        App stale = insert(Optional.empty(), agent, true, t);
        addSecret("secret-stale", stale.clientId(), "pc_secret_stale", t);
        App used = insert(Optional.empty(), agent, true, t);
        markUsed(used.clientId(), t.plusSeconds(5), t);
        App owned = insert(Optional.of(ADA), agent, true, t);
        App managed = insert(Optional.empty(), agent, false, t);
        App atCutOff = insert(Optional.empty(), agent, true, cutOff);
        var deleted = database.inTransaction(tx -> apps.deleteUnusedSelfRegistered(tx, cutOff));
        assertEquals(List.of(new AppRepository.Swept(stale.clientId(), "Agent")), deleted);
        assertTrue(find(stale.clientId()).isEmpty());
        assertEquals(0L, count("SELECT count(*) AS n FROM client_secrets WHERE app_id = ?", stale.clientId()));
        for (App kept : List.of(used, owned, managed, atCutOff)) assertTrue(find(kept.clientId()).isPresent(), kept.clientId());
        assertEquals(List.of(), database.inTransaction(tx -> apps.deleteUnusedSelfRegistered(tx, cutOff)), "nothing left to take");
    }
}

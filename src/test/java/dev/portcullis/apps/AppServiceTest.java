package dev.portcullis.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.SqlEventRepository;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestDatabases;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppServiceTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger changes = new AtomicInteger();

    private AppService service(Database db) {
        return new AppService(db, new SqlAppRepository(), new Ids(new SecureRandom()), new SecureRandom(), clock,
                Duration.ofHours(24), changes::incrementAndGet,
                dev.portcullis.support.EventLogs.of(db, clock));
    }

    private static Database withUsers(Db kind) {
        Database db = Database.open(TestDatabases.fresh(kind));
        db.inTransaction(tx -> {
            for (String id : List.of("ada", "bob")) {
                tx.update("INSERT INTO users (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', 0)",
                        id, id + "@x.io", id + "@x.io", id);
            }
            return null;
        });
        return db;
    }

    private static AppSettings taskr() {
        return AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri("http://localhost:3050/cb")))
                .withScopes(List.of("openid", "task:read"));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createThenSecretShownOnceVerifiesAndSettingsRoundTrip(Db kind) {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            var created = apps.create(Actor.system(), Optional.of("ada"), taskr());
            String secret = created.clientSecret().orElseThrow();
            assertTrue(secret.startsWith("pc_secret_"));
            assertTrue(apps.verifySecret(created.app().clientId(), secret));
            assertFalse(apps.verifySecret(created.app().clientId(), secret + "x"));
            assertFalse(apps.verifySecret("other-client", secret));
            App read = apps.get("ada", created.app().clientId());
            assertEquals(taskr(), read.settings());
            assertEquals(1, apps.secrets("ada", read.clientId()).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void rotateWithGraceKeepsOldSecretUntilGraceEnds(Db kind) {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            var created = apps.create(Actor.system(), Optional.of("ada"), taskr());
            String id = created.app().clientId();
            String old = created.clientSecret().orElseThrow();
            String fresh = apps.rotateSecret(Actor.system(), "ada", id, false);
            assertTrue(apps.verifySecret(id, old));
            assertTrue(apps.verifySecret(id, fresh));
            clock.advance(Duration.ofHours(24).plusSeconds(1));
            assertFalse(apps.verifySecret(id, old));
            assertTrue(apps.verifySecret(id, fresh));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void rotateRevokingNowKillsOldSecretAtOnce(Db kind) {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            var created = apps.create(Actor.system(), Optional.of("ada"), taskr());
            String id = created.app().clientId();
            int before = changes.get();
            String fresh = apps.rotateSecret(Actor.system(), "ada", id, true);
            assertFalse(apps.verifySecret(id, created.clientSecret().orElseThrow()));
            assertTrue(apps.verifySecret(id, fresh));
            assertTrue(changes.get() > before, "caches are told that credentials changed");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void clientAuthenticationSeesLocalChangesAtOnceAndOtherInstancesWithinOneSecond(Db kind) throws InterruptedException {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            var created = apps.create(Actor.system(), Optional.of("ada"), taskr());
            String id = created.app().clientId();
            String old = created.clientSecret().orElseThrow();
            assertTrue(apps.verifyClientSecret(id, old));
            assertFalse(apps.verifyClientSecret(id, old + "x"), "a wrong secret is never remembered as valid");
            String fresh = apps.rotateSecret(Actor.system(), "ada", id, true);
            assertFalse(apps.verifyClientSecret(id, old), "a local rotation evicts the remembered secret");
            assertTrue(apps.verifyClientSecret(id, fresh));
            assertTrue(apps.findClient(id).isPresent());

            // Another instance deletes the app behind this one's back: seen once the second is over.
            db.inTransaction(tx -> tx.update("DELETE FROM apps WHERE id = ?", id));
            Thread.sleep(RecentClients.TTL.toMillis() + 200);
            assertFalse(apps.verifyClientSecret(id, fresh));
            assertTrue(apps.findClient(id).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anotherUsersAppIsNotFound(Db kind) {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            String id = apps.create(Actor.system(), Optional.of("ada"), taskr()).app().clientId();
            assertNotFound(() -> apps.get("bob", id));
            assertNotFound(() -> apps.rotateSecret(Actor.system(), "bob", id, true));
            assertNotFound(() -> apps.delete(Actor.system(), "bob", id));
            assertNotFound(() -> apps.update(Actor.system(), "bob", id, taskr().withOAuthEnabled(false)));
            assertTrue(apps.get("ada", id).oauthEnabled(), "nothing changed");
            assertTrue(apps.list("bob").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void importKeepsClientIdAndSecretButRefusesShortSecretsAndDuplicates(Db kind) {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            String secret = "at least 32 characters of secret ........";
            db.inTransaction(tx -> apps.createWithCredentials(tx, Actor.system(), Optional.of("ada"), "taskr", Optional.of(secret), taskr()));
            assertTrue(apps.verifySecret("taskr", secret));
            var shortSecret = assertThrows(OAuthException.class, () -> db.inTransaction(tx ->
                    apps.createWithCredentials(tx, Actor.system(), Optional.of("ada"), "other", Optional.of("short"), taskr())));
            assertEquals("client_secret", assertInstanceOf(Failure.Validation.class, shortSecret.error()).field());
            var duplicate = assertThrows(OAuthException.class, () -> db.inTransaction(tx ->
                    apps.createWithCredentials(tx, Actor.system(), Optional.of("ada"), "taskr", Optional.of(secret), taskr())));
            assertInstanceOf(Failure.Conflict.class, duplicate.error());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void deleteRemovesAppAndSecrets(Db kind) {
        try (Database db = withUsers(kind)) {
            AppService apps = service(db);
            var created = apps.create(Actor.system(), Optional.of("ada"), taskr());
            apps.delete(Actor.system(), "ada", created.app().clientId());
            assertTrue(apps.find(created.app().clientId()).isEmpty());
            assertFalse(apps.verifySecret(created.app().clientId(), created.clientSecret().orElseThrow()));
        }
    }

    @org.junit.jupiter.api.Test
    void inconsistentSettingsAreRefused() {
        var publicWithClientCredentials = assertThrows(OAuthException.class, () -> new AppSettings("x", "", Optional.empty(), true,
                AuthMethod.NONE, EnumSet.of(GrantType.CLIENT_CREDENTIALS), List.of(), List.of(), AccessTokenFormat.OPAQUE,
                new Lifetime.Default(), "RS256", false));
        assertEquals("grant_types", ((Failure.Validation) publicWithClientCredentials.error()).field());
        var publicNeverExpiring = assertThrows(OAuthException.class, () -> new AppSettings("x", "", Optional.empty(), true,
                AuthMethod.NONE, EnumSet.of(GrantType.AUTHORIZATION_CODE), List.of(), List.of(), AccessTokenFormat.OPAQUE,
                new Lifetime.Never(), "RS256", false));
        assertEquals("access_token_lifetime", ((Failure.Validation) publicNeverExpiring.error()).field());
        var neverExpiringJwt = assertThrows(OAuthException.class, () -> new AppSettings("x", "", Optional.empty(), true,
                AuthMethod.CLIENT_SECRET_BASIC, EnumSet.of(GrantType.AUTHORIZATION_CODE), List.of(), List.of(), AccessTokenFormat.JWT,
                new Lifetime.Never(), "RS256", false));
        assertEquals("access_token_lifetime", ((Failure.Validation) neverExpiringJwt.error()).field());
        var noName = assertThrows(OAuthException.class, () -> AppSettings.defaults(" ", AuthMethod.NONE));
        assertEquals("name", ((Failure.Validation) noName.error()).field());
    }

    private static void assertNotFound(Runnable r) {
        assertInstanceOf(Failure.NotFound.class, assertThrows(OAuthException.class, r::run).error());
    }
}

package dev.portcullis.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.error.Problem;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.Workspace;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.scopes.ScopeCheck;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeyServiceTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger changes = new AtomicInteger();

    /** Ada admins "acme", Bob is a plain member of it, Eve admins her own workspace. */
    private record World(Core core, ApiKeyService keys, String ada, String bob, String eve, Workspace acme, Workspace eves)
            implements AutoCloseable {
        @Override
        public void close() {
            core.close();
        }
    }

    private World world(Db db) {
        Core core = Core.open(TestServer.configFor(TestDatabases.fresh(db)), clock);
        IdentityService identity = core.identity();
        var ada = identity.signUp("Ada", "ada@example.com", "correct horse battery");
        identity.signUp("Bob", "bob@example.com", "correct horse battery");
        var eve = identity.signUp("Eve", "eve@example.com", "correct horse battery");
        var bob = identity.addMember(ada.user().id(), ada.workspace().id(), "bob@example.com", Role.MEMBER);
        var keys = new ApiKeyService(core.database(), new SqlApiKeyRepository(), identity, ScopeCheck.syntaxOnly(),
                new Ids(new SecureRandom()), new SecureRandom(), clock, changes::incrementAndGet, core.events());
        return new World(core, keys, ada.user().id(), bob.user().id(), eve.user().id(), ada.workspace(), eve.workspace());
    }

    private static ApiKeyService.Draft draft(String name, String... scopes) {
        return new ApiKeyService.Draft(name, List.of(scopes), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void adminCreatesListsEditsAndRevokesKeys(Db db) {
        try (World w = world(db)) {
            Actor ada = Actor.member(w.ada());
            var created = w.keys().create(ada, w.acme().id(), draft("ci", "task:read"));
            assertTrue(Token.parse(created.secret()).map(t -> t.kind() == TokenKind.API_KEY).orElse(false), "a well-formed sk_ key");
            assertEquals(Optional.of(w.ada()), created.key().createdByUserId());
            assertEquals(created.secret().substring(created.secret().length() - 4), created.key().hint(), "the true last four");

            List<ApiKey> listed = w.keys().list(ada, w.acme().id());
            assertEquals(List.of(created.key()), listed);

            int before = changes.get();
            ApiKey edited = w.keys().edit(ada, w.acme().id(), created.key().id(), Optional.of("deploy"),
                    Optional.of(List.of("task:read", "task:read-write")));
            assertEquals("deploy", edited.name());
            assertEquals(List.of("task:read", "task:read-write"), edited.scopes());
            assertEquals(created.key().hint(), edited.hint(), "editing never re-mints the secret");
            assertTrue(changes.get() > before, "caches are told after an edit");

            w.keys().revoke(ada, w.acme().id(), created.key().id());
            assertTrue(w.keys().list(ada, w.acme().id()).isEmpty());
            assertEquals(0, count(w, "SELECT count(*) AS n FROM api_keys"));
            assertEquals(before + 2, changes.get(), "caches are told after a revocation");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void scopesAreNoneUnlessChosen(Db db) {
        try (World w = world(db)) {
            var created = w.keys().create(Actor.member(w.ada()), w.acme().id(), new ApiKeyService.Draft("bare", null, Optional.empty()));
            assertEquals(List.of(), created.key().scopes());
            assertEquals(List.of(), w.keys().get(Actor.member(w.ada()), w.acme().id(), created.key().id()).scopes());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void keyValueIsNeverStoredOnlyItsHash(Db db) {
        try (World w = world(db)) {
            var created = w.keys().create(Actor.member(w.ada()), w.acme().id(), draft("ci", "task:read"));
            String secret = created.secret();
            long rowsWithSecret = count(w, "SELECT count(*) AS n FROM api_keys WHERE key_hash = '" + secret + "' OR hint = '"
                    + secret + "' OR name = '" + secret + "' OR id = '" + secret + "'");
            assertEquals(0, rowsWithSecret);
            String storedHash = w.core().database().read(tx -> tx.queryOne("SELECT key_hash FROM api_keys", r -> r.text("key_hash")))
                    .orElseThrow();
            assertEquals(SecretHash.of(secret).hex(), storedHash);
            assertEquals(Optional.of(created.key().id()), w.core().database().read(tx ->
                    new SqlApiKeyRepository().findCredential(tx, SecretHash.of(secret), ScopeCatalog.builtIn())).map(ApiKeyCredential::id));
            assertFalse(created.toString().contains(secret), "the secret stays out of logs");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void memberWhoIsNotAdminIsRefused403AndNothingChanges(Db db) {
        try (World w = world(db)) {
            var key = w.keys().create(Actor.member(w.ada()), w.acme().id(), draft("ci", "task:read")).key();
            Actor bob = Actor.member(w.bob());
            assertError(OAuthError.AccessDenied.class, () -> w.keys().create(bob, w.acme().id(), draft("mine")));
            assertError(OAuthError.AccessDenied.class, () -> w.keys().list(bob, w.acme().id()));
            assertError(OAuthError.AccessDenied.class, () -> w.keys().edit(bob, w.acme().id(), key.id(), Optional.of("x"), Optional.empty()));
            assertError(OAuthError.AccessDenied.class, () -> w.keys().revoke(bob, w.acme().id(), key.id()));
            assertEquals(List.of(key), w.keys().list(Actor.member(w.ada()), w.acme().id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anotherWorkspacesKeysAreNotFound(Db db) {
        try (World w = world(db)) {
            var key = w.keys().create(Actor.member(w.ada()), w.acme().id(), draft("ci", "task:read")).key();
            Actor eve = Actor.member(w.eve());
            assertError(Failure.NotFound.class, () -> w.keys().list(eve, w.acme().id()));
            assertError(Failure.NotFound.class, () -> w.keys().revoke(eve, w.acme().id(), key.id()));
            // Eve's own workspace does not reach Ada's key either.
            assertError(Failure.NotFound.class, () -> w.keys().revoke(eve, w.eves().id(), key.id()));
            assertError(Failure.NotFound.class, () -> w.keys().edit(eve, w.eves().id(), key.id(), Optional.of("x"), Optional.empty()));
            assertEquals(1, count(w, "SELECT count(*) AS n FROM api_keys"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void invalidDraftsAreRefusedNamingTheField(Db db) {
        try (World w = world(db)) {
            Actor ada = Actor.member(w.ada());
            assertEquals("name", field(() -> w.keys().create(ada, w.acme().id(), draft(" "))));
            assertEquals("scopes[1]", field(() -> w.keys().create(ada, w.acme().id(), draft("ci", "task:read", "bad scope"))));
            assertEquals("scopes[0]", field(() -> w.keys().create(ada, w.acme().id(), draft("ci", "quote\""))));
            assertEquals("expires_at", field(() -> w.keys().create(ada, w.acme().id(),
                    new ApiKeyService.Draft("ci", List.of(), Optional.of(clock.instant().minus(Duration.ofMinutes(1)))))));
            w.keys().create(ada, w.acme().id(), draft("ci"));
            assertError(Failure.Conflict.class, () -> w.keys().create(ada, w.acme().id(), draft("ci")));
            assertEquals(1, count(w, "SELECT count(*) AS n FROM api_keys"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void expiryIsKeptAndReported(Db db) {
        try (World w = world(db)) {
            var expiry = clock.instant().plus(Duration.ofDays(30));
            var key = w.keys().create(Actor.operator(), w.acme().id(), new ApiKeyService.Draft("temp", List.of(), Optional.of(expiry))).key();
            assertEquals(Optional.empty(), key.createdByUserId(), "the operator is not a user");
            assertFalse(key.isExpired(clock.instant()));
            clock.advance(Duration.ofDays(31));
            assertTrue(w.keys().list(Actor.operator(), w.acme().id()).getFirst().isExpired(clock.instant()));
        }
    }

    private static long count(World w, String sql) {
        return w.core().database().read(tx -> tx.count(sql));
    }

    private static String field(Executable call) {
        return assertInstanceOf(Failure.Validation.class, assertThrows(OAuthException.class, call).error()).field();
    }

    private static void assertError(Class<? extends Problem> type, Executable call) {
        assertInstanceOf(type, assertThrows(OAuthException.class, call).error());
    }
}

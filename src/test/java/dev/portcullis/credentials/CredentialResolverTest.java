package dev.portcullis.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apikeys.SqlApiKeyRepository;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.token.SqlTokenRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialResolverTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void resolveWhenApiKeyActiveThenCredentialWithWorkspaceAndScopes(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db));
             CredentialResolver resolver = resolver(database, Clock.systemUTC())) {
            var fixture = new ApiKeyFixture(database);
            var ws = fixture.workspace("acme");
            var key = fixture.apiKey(ws, "task:read-write user_management:read");

            ApiKeyCredential c = (ApiKeyCredential) resolver.resolve(key.secret()).orElseThrow();
            assertEquals(key.id(), c.id());
            assertEquals(TokenKind.API_KEY, c.kind());
            assertEquals(new Credential.Workspace(ws.id(), ws.name(), "acme", Optional.of("https://example.com/acme.png")), c.workspace());
            assertEquals("task:read-write user_management:read", c.scopes().toString());
            assertTrue(c.scopes().satisfies(ScopeSet.of("task:read")));
            assertEquals(Optional.of(ws.adminUserId()), c.createdByUserId());
            assertEquals(Optional.of(ws.adminMemberId()), c.authorizedByMemberId());
            assertEquals(Optional.empty(), c.expiresAt());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resolveWhenMalformedOrBadChecksumThenEmptyWithoutTouchingTheDatabase(Db db) {
        Database database = Database.open(TestDatabases.fresh(db));
        var key = new ApiKeyFixture(database).apiKey(new ApiKeyFixture(database).workspace("acme"), "task:read");
        try (CredentialResolver resolver = resolver(database, Clock.systemUTC())) {
            database.close(); // any query would now throw
            String flipped = key.secret().substring(0, 10) + (key.secret().charAt(10) == 'a' ? 'b' : 'a') + key.secret().substring(11);
            for (String bad : new String[] {null, "", "garbage", "sk_", key.secret() + "x", flipped, "Bearer " + key.secret()}) {
                assertEquals(Optional.empty(), resolver.resolve(bad), String.valueOf(bad));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resolveWhenUnknownOrOtherKindOfTokenThenEmpty(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db));
             CredentialResolver resolver = resolver(database, Clock.systemUTC())) {
            var random = new SecureRandom();
            assertEquals(Optional.empty(), resolver.resolve(Token.mint(TokenKind.API_KEY, random).value()));
            assertEquals(Optional.empty(), resolver.resolve(Token.mint(TokenKind.AUTHORIZATION_CODE, random).value()));
            assertEquals(Optional.empty(), resolver.resolve(Token.mint(TokenKind.SESSION, random).value()));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resolveWhenExpiredThenEmptyEvenIfCached(Db db) {
        Instant now = Instant.now();
        var clock = new MutableClock(now);
        try (Database database = Database.open(TestDatabases.fresh(db));
             CredentialResolver resolver = resolver(database, clock)) {
            var fixture = new ApiKeyFixture(database);
            var ws = fixture.workspace("acme");
            var expired = fixture.apiKey(ws, "task:read", now.minusSeconds(1));
            var expiring = fixture.apiKey(ws, "task:read", now.plusSeconds(30));
            assertEquals(Optional.empty(), resolver.resolve(expired.secret()));
            assertTrue(resolver.resolve(expiring.secret()).isPresent());
            clock.advance(java.time.Duration.ofSeconds(30));
            assertEquals(Optional.empty(), resolver.resolve(expiring.secret()), "cached but past its expiry");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void deletedKeyIsHonouredAtMostOneSecondWithoutEvictAndNotAtAllAfterEvict(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             CredentialResolver resolver = resolver(database, Clock.systemUTC())) {
            var fixture = new ApiKeyFixture(database);
            var ws = fixture.workspace("acme");
            var a = fixture.apiKey(ws, "task:read");
            var b = fixture.apiKey(ws, "task:read");
            assertTrue(resolver.resolve(a.secret()).isPresent());
            assertTrue(resolver.resolve(b.secret()).isPresent());

            fixture.delete(a);
            fixture.delete(b);
            resolver.revoked(List.of(a.hash()));
            assertEquals(Optional.empty(), resolver.resolve(a.secret()), "invalidated: refused at once");

            // b was revoked "on another instance": the cache may honour it, but for one second at most.
            Thread.sleep(CredentialResolver.CACHE_TTL.plusMillis(100).toMillis());
            assertEquals(Optional.empty(), resolver.resolve(b.secret()));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void scopeEditTakesEffectAtOnceAfterChanged(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db));
             CredentialResolver resolver = resolver(database, Clock.systemUTC())) {
            var fixture = new ApiKeyFixture(database);
            var key = fixture.apiKey(fixture.workspace("acme"), "task:read");
            assertEquals("task:read", resolver.resolve(key.secret()).orElseThrow().scopes().toString());
            fixture.setScopes(key, "note:read");
            resolver.changed();
            assertEquals("note:read", resolver.resolve(key.secret()).orElseThrow().scopes().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void lastUsedIsWrittenInABatchOnFlushNotPerRequest(Db db) {
        Instant now = Instant.parse("2030-01-02T03:04:05Z");
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            var fixture = new ApiKeyFixture(database);
            var ws = fixture.workspace("acme");
            var used = fixture.apiKey(ws, "task:read");
            var unused = fixture.apiKey(ws, "task:read");
            try (CredentialResolver resolver = resolver(database, Clock.fixed(now, java.time.ZoneOffset.UTC))) {
                for (int i = 0; i < 5; i++) resolver.resolve(used.secret());
                assertEquals(Optional.empty(), lastUsed(database, used.id()), "not written per request");
                resolver.flushLastUsed();
                assertEquals(Optional.of(now), lastUsed(database, used.id()));
                database.inTransaction(tx -> tx.update("UPDATE api_keys SET last_used_at = NULL"));
                resolver.resolve(used.secret());
            } // close flushes
            assertEquals(Optional.of(now), lastUsed(database, used.id()), "flushed on close");
            assertEquals(Optional.empty(), lastUsed(database, unused.id()));
        }
    }

    /** The resolver as Core builds it, with a key ring over the same database (for JWT access tokens). */
    static CredentialResolver resolver(Database database, Clock clock) {
        var config = TestServer.configFor(TestDatabases.fresh(Db.SQLITE));
        KeyRing keys = KeyRing.open(database, config, clock, new SecureRandom(),
                dev.portcullis.support.EventLogs.of(database, clock));
        return new CredentialResolver(database, ScopeCatalog.builtIn(), keys, config.server().issuer(), clock,
                new SqlApiKeyRepository(), new SqlTokenRepository());
    }

    private static Optional<Instant> lastUsed(Database database, String id) {
        return database.read(tx -> tx.queryOne("SELECT last_used_at FROM api_keys WHERE id = ?",
                r -> r.optionalInstant("last_used_at"), id)).orElseThrow();
    }
}

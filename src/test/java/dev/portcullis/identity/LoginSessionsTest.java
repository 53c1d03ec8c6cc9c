package dev.portcullis.identity;

import dev.portcullis.events.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Login sessions on both databases: 120 min idle, 24 h absolute (the fixture's config). */
class LoginSessionsTest {
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Db.class)
    void startThenResolveGivesUserCsrfAndAuthTimeAndOnlyTheHashIsStored(Db db) {
        try (var f = new IdentityFixture(db)) {
            String userId = user(f);
            var started = f.sessions.start(userId, T0, Actor.Origin.NONE);
            assertTrue(started.cookieValue().startsWith("pc_sess_"));
            assertTrue(started.session().csrfToken().length() >= 43);
            assertEquals(started.session(), f.sessions.resolve(started.cookieValue(), T0.plusSeconds(5)).orElseThrow());
            String stored = f.db.read(tx -> tx.queryOne("SELECT id_hash FROM login_sessions", r -> r.text("id_hash"))).orElseThrow();
            assertEquals(SecretHash.of(started.cookieValue()).hex(), stored);
            assertNotEquals(started.cookieValue(), stored);
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resolveWhenIdleTooLongThenEmptyAndSessionDeleted(Db db) {
        try (var f = new IdentityFixture(db)) {
            var started = f.sessions.start(user(f), T0, Actor.Origin.NONE);
            assertTrue(f.sessions.resolve(started.cookieValue(), T0.plus(Duration.ofMinutes(120))).isEmpty());
            assertEquals(0L, f.count("SELECT count(*) AS n FROM login_sessions"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void useKeepsSessionAliveUntilAbsoluteExpiry(Db db) {
        try (var f = new IdentityFixture(db)) {
            var started = f.sessions.start(user(f), T0, Actor.Origin.NONE);
            Instant at = T0;
            while (at.isBefore(T0.plus(Duration.ofHours(23)))) {
                at = at.plus(Duration.ofMinutes(100));
                assertTrue(f.sessions.resolve(started.cookieValue(), at).isPresent(), "alive at " + at);
            }
            assertTrue(f.sessions.resolve(started.cookieValue(), T0.plus(Duration.ofHours(24))).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void lastSeenIsWrittenAtMostOncePerMinute(Db db) {
        try (var f = new IdentityFixture(db)) {
            var started = f.sessions.start(user(f), T0, Actor.Origin.NONE);
            f.sessions.resolve(started.cookieValue(), T0.plusSeconds(30));
            assertEquals(T0, lastSeen(f));
            f.sessions.resolve(started.cookieValue(), T0.plusSeconds(61));
            assertEquals(T0.plusSeconds(61), lastSeen(f));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void endDeletesTheSession(Db db) {
        try (var f = new IdentityFixture(db)) {
            var started = f.sessions.start(user(f), T0, Actor.Origin.NONE);
            f.sessions.end(started.cookieValue());
            assertTrue(f.sessions.resolve(started.cookieValue(), T0.plusSeconds(1)).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resolveWhenCookieForgedMalformedOrOtherKindThenEmpty(Db db) {
        try (var f = new IdentityFixture(db)) {
            var started = f.sessions.start(user(f), T0, Actor.Origin.NONE);
            String value = started.cookieValue();
            Instant now = T0.plusSeconds(1);
            SecureRandom random = new SecureRandom();
            assertTrue(f.sessions.resolve(Token.mint(TokenKind.SESSION, random).value(), now).isEmpty());
            char last = value.charAt(value.length() - 1);
            assertTrue(f.sessions.resolve(value.substring(0, value.length() - 1) + (last == 'x' ? 'y' : 'x'), now).isEmpty());
            assertTrue(f.sessions.resolve(SecretHash.of(value).hex(), now).isEmpty());
            assertTrue(f.sessions.resolve("", now).isEmpty());
            assertTrue(f.sessions.resolve(null, now).isEmpty());
            assertTrue(f.sessions.resolve(Token.mint(TokenKind.ACCESS_TOKEN, random).value(), now).isEmpty());
        }
    }

    private static String user(IdentityFixture f) {
        return f.identity.signUp("Ada", "ada@example.com", "correct horse battery").user().id();
    }

    private static Instant lastSeen(IdentityFixture f) {
        return f.db.read(tx -> tx.queryOne("SELECT last_seen_at FROM login_sessions", r -> r.instant("last_seen_at"))).orElseThrow();
    }
}

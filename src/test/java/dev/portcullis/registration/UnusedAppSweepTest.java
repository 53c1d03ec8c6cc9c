package dev.portcullis.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.SelfRegisteredApps;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.Recorded;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Self-registered apps never used are deleted after the configured time; nothing else is. */
class UnusedAppSweepTest {
    static final Duration UNUSED_AFTER = Duration.ofDays(30);

    @ParameterizedTest
    @EnumSource(Db.class)
    void sweepDeletesOnlyOldNeverUsedSelfRegisteredApps(Db db) {
        MutableClock clock = MutableClock.startingNow();
        try (Core core = Core.open(RegistrationFixture.config(db), clock)) {
            AppService apps = core.apps();
            SelfRegisteredApps registered = core.selfRegistered();
            AppSettings settings = AppSettings.defaults("Agent", AuthMethod.NONE)
                    .withRedirectUris(List.of(new RedirectUri("http://127.0.0.1/cb")));
            String unused = registered.selfRegister(Actor.system(), false, settings).app().clientId();
            String used = registered.selfRegister(Actor.system(), false, settings).app().clientId();
            String developers = apps.create(Actor.system(), Optional.empty(), settings).app().clientId();
            registered.markUsed(used);
            clock.advance(Duration.ofDays(29));
            String recent = registered.selfRegister(Actor.system(), false, settings).app().clientId();

            UnusedAppSweep.sweep(registered, UNUSED_AFTER, clock);
            assertTrue(apps.find(unused).isPresent(), "not old enough yet");

            clock.advance(Duration.ofDays(2));
            UnusedAppSweep.sweep(registered, UNUSED_AFTER, clock);
            assertTrue(apps.find(unused).isEmpty(), "old and never used");
            assertTrue(apps.find(used).isPresent(), "used once is kept");
            assertTrue(apps.find(developers).isPresent(), "a developer's app is never swept");
            assertTrue(apps.find(recent).isPresent(), "registered two days ago");
            var deleted = Recorded.one(core, EventType.APP_DELETED);
            assertEquals(Actor.Kind.SYSTEM, deleted.actor().kind());
            assertEquals("app:" + unused, Recorded.target(deleted));
            assertEquals("unused", deleted.data().get("reason"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void markUsedRecordsTheTimeOnce(Db db) {
        MutableClock clock = MutableClock.startingNow();
        try (Core core = Core.open(RegistrationFixture.config(db), clock)) {
            AppSettings settings = AppSettings.defaults("Agent", AuthMethod.CLIENT_SECRET_BASIC);
            String clientId = core.selfRegistered().selfRegister(Actor.system(), false, settings).app().clientId();
            core.selfRegistered().markUsed(clientId);
            long first = lastUsed(core, clientId);
            assertEquals(clock.millis(), first);
            clock.advance(Duration.ofMinutes(5));
            core.selfRegistered().markUsed(clientId);
            assertEquals(first, lastUsed(core, clientId), "written at most once an hour");
        }
    }

    private static long lastUsed(Core core, String clientId) {
        return core.database().read(tx -> tx.queryOne("SELECT last_used_at FROM apps WHERE id = ?",
                r -> r.instant("last_used_at").toEpochMilli(), clientId)).orElseThrow();
    }
}

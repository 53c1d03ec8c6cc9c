package dev.portcullis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link EventLog} over {@link SqlEventRepository} on both databases: written whole, in the caller's transaction, read newest first. */
@ParameterizedClass
@EnumSource(Db.class)
class EventRepositoryContractTest extends RepositoryContract {
    final MutableClock clock = new MutableClock(NOW);
    final List<Event> sunk = new ArrayList<>();
    final EventLog log = new EventLog(database, new SqlEventRepository(), new SecureRandom(), clock,
            List.of((tx, e) -> sunk.add(e)), Set.of());

    static String workspace() {
        return "ws-" + Seed.next();
    }

    EventDraft draft(EventType type, String workspace) {
        return EventDraft.of(type, Actor.user("user-1", Actor.Origin.of("203.0.113.9", "curl/8.5\u0007")))
                .inWorkspace(workspace).about("app", "app-1").with("scopes", List.of("task:read")).with("confidential", true)
                .with("count", 3);
    }

    @Test
    void anEventIsReadBackWithEveryFieldAndSinksSeeItInTheSameTransaction() {
        String ws = workspace();
        Event written = log.record(draft(EventType.APP_CREATED, ws)).orElseThrow();

        List<Event> read = log.page(EventQuery.newest(10).inWorkspace(ws)).events();
        assertEquals(1, read.size());
        Event e = read.getFirst();
        assertEquals(written.id(), e.id());
        assertEquals(EventType.APP_CREATED, e.type());
        assertEquals(NOW, e.occurredAt());
        assertEquals(Actor.Kind.USER, e.actor().kind());
        assertEquals(Optional.of("user-1"), e.actor().id());
        assertEquals(Optional.of("203.0.113.9"), e.actor().address());
        assertEquals(Optional.of("curl/8.5"), e.actor().userAgent(), "control characters are dropped");
        assertEquals(Optional.of(new Event.Target("app", "app-1")), e.target());
        assertEquals(Map.of("scopes", List.of("task:read"), "confidential", true, "count", 3), e.data());
        assertEquals(List.of(written), sunk);
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        String ws = workspace();
        assertThrows(IllegalStateException.class, () -> database.inTransaction(tx -> {
            log.record(tx, draft(EventType.APP_DELETED, ws));
            throw new IllegalStateException("the change failed");
        }));
        assertTrue(log.page(EventQuery.newest(10).inWorkspace(ws)).events().isEmpty());
    }

    @Test
    void pagesRunNewestFirstInRecordingOrderAndTheCursorContinuesWithoutGapsOrRepeats() {
        String ws = workspace();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.addFirst(log.record(draft(EventType.TOKEN_ISSUED, ws)).orElseThrow().id());
            if (i % 2 == 0) clock.advance(Duration.ofSeconds(1)); // some share a millisecond, so ids break the tie
        }
        List<String> seen = new ArrayList<>();
        EventQuery query = EventQuery.newest(2).inWorkspace(ws);
        EventQuery.Page page = log.page(query);
        seen.addAll(page.events().stream().map(Event::id).toList());
        while (page.next().isPresent()) {
            String cursor = page.next().get().encode();
            page = log.page(query.after(EventQuery.Cursor.decode(cursor).orElseThrow()));
            seen.addAll(page.events().stream().map(Event::id).toList());
        }
        assertEquals(written, seen, "newest first; within one millisecond, in the order recorded");
        List<Instant> times = log.page(EventQuery.newest(5).inWorkspace(ws)).events().stream().map(Event::occurredAt).toList();
        assertEquals(times.stream().sorted(java.util.Comparator.reverseOrder()).toList(), times);
    }

    @Test
    void filtersByTypeActorUserInvolvedAndTimeRange() {
        String ws = workspace();
        log.record(draft(EventType.LOGIN_SUCCEEDED, ws));
        clock.advance(Duration.ofMinutes(1));
        Instant middle = clock.instant();
        log.record(EventDraft.of(EventType.LOGIN_FAILED, Actor.anonymous(Actor.Origin.NONE)).inWorkspace(ws)
                .about("user", "user-2").with("reason", "wrong_password"));
        log.record(EventDraft.of(EventType.API_KEY_CREATED, Actor.operator("op-1", Actor.Origin.NONE)).inWorkspace(ws));

        EventQuery base = EventQuery.newest(50).inWorkspace(ws);
        assertEquals(List.of(EventType.LOGIN_FAILED, EventType.LOGIN_SUCCEEDED),
                types(base.ofTypes(Set.of(EventType.LOGIN_SUCCEEDED, EventType.LOGIN_FAILED))));
        assertEquals(List.of(EventType.API_KEY_CREATED), types(base.byActor("op-1")));
        assertEquals(List.of(EventType.LOGIN_FAILED), types(base.involving("user-2")));
        assertEquals(List.of(EventType.LOGIN_SUCCEEDED), types(base.involving("user-1")));
        assertEquals(List.of(EventType.LOGIN_SUCCEEDED), types(base.between(Optional.empty(), Optional.of(middle))));
        assertEquals(2, types(base.between(Optional.of(middle), Optional.empty())).size());
        assertTrue(types(EventQuery.newest(50).inWorkspace(workspace())).isEmpty(), "another workspace sees none of them");
    }

    @Test
    void retentionDeletesOnlyEventsOlderThanTheCutoff() {
        String ws = workspace();
        log.record(draft(EventType.APP_UPDATED, ws));
        clock.advance(Duration.ofDays(91));
        log.record(draft(EventType.APP_DELETED, ws));

        assertTrue(EventRetentionSweep.sweep(log, Duration.ofDays(90)) >= 1);
        assertEquals(List.of(EventType.APP_DELETED), types(EventQuery.newest(10).inWorkspace(ws)));
    }

    @Test
    void aTimeRangeIncludesItsFromMillisecondExcludesItsUntilAndToleratesFarInstants() {
        String ws = workspace();
        clock.advance(Duration.ofMillis(7));
        Instant at = clock.instant();
        log.record(draft(EventType.APP_CREATED, ws));
        log.record(draft(EventType.APP_UPDATED, ws)); // the same millisecond: a later id

        EventQuery base = EventQuery.newest(10).inWorkspace(ws);
        assertEquals(List.of(EventType.APP_UPDATED, EventType.APP_CREATED), types(base.between(Optional.of(at), Optional.empty())));
        assertEquals(2, types(base.between(Optional.of(at), Optional.of(at.plusMillis(1)))).size());
        assertTrue(types(base.between(Optional.of(at.plusMillis(1)), Optional.empty())).isEmpty());
        assertTrue(types(base.between(Optional.empty(), Optional.of(at))).isEmpty());
        assertEquals(2, types(base.between(Optional.of(Instant.parse("1900-01-01T00:00:00Z")), Optional.of(Instant.MAX))).size());
        assertTrue(types(base.between(Optional.of(Instant.MAX), Optional.empty())).isEmpty());
        assertTrue(types(base.between(Optional.empty(), Optional.of(Instant.MIN))).isEmpty());
    }

    @Test
    void aCursorThisServerDidNotWriteIsRefused() {
        assertFalse(EventQuery.Cursor.decode("not base64 !").isPresent());
        assertFalse(EventQuery.Cursor.decode("bm8tY29sb24").isPresent()); // "no-colon"
        assertFalse(EventQuery.Cursor.decode("eDox").isPresent()); // "x:1"
    }

    private List<EventType> types(EventQuery query) {
        return log.page(query).events().stream().map(Event::type).toList();
    }
}

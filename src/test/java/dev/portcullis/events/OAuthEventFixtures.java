package dev.portcullis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.Portcullis;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading back what the OAuth, app and API key flows recorded, as the reading side will. */
final class OAuthEventFixtures {
    private OAuthEventFixtures() {}

    /** Events of {@code type} by {@code actorId}, newest first. */
    static List<Event> by(Portcullis server, EventType type, String actorId) {
        return server.core().events().page(EventQuery.newest(EventQuery.MAX_LIMIT).ofTypes(Set.of(type)).byActor(actorId)).events();
    }

    /** Events of {@code type} about {@code targetId}, newest first. */
    static List<Event> about(Portcullis server, EventType type, String targetId) {
        return server.core().events().page(EventQuery.newest(EventQuery.MAX_LIMIT).ofTypes(Set.of(type))).events().stream()
                .filter(e -> e.target().map(Event.Target::id).filter(targetId::equals).isPresent())
                .toList();
    }

    /** The one event of {@code type} about {@code targetId}. */
    static Event theOne(Portcullis server, EventType type, String targetId) {
        List<Event> found = about(server, type, targetId);
        assertEquals(1, found.size(), type + " about " + targetId + ": " + found);
        return found.getFirst();
    }

    static void assertTarget(Event e, String kind, String id) {
        assertEquals(Optional.of(new Event.Target(kind, id)), e.target(), e.toString());
    }

    static void assertActor(Event e, Actor.Kind kind, String id) {
        assertEquals(kind, e.actor().kind(), e.toString());
        assertEquals(Optional.ofNullable(id), e.actor().id(), e.toString());
    }

    /** Every stored event row, every column, as text: no secret may appear in any of it. */
    static void assertNoEventContains(Portcullis server, String... secrets) {
        List<String> rows = server.database().read(tx -> tx.query("SELECT * FROM events", r -> {
            StringBuilder all = new StringBuilder();
            for (String column : List.of("id", "type", "actor_kind", "actor_id", "actor_address", "actor_user_agent", "workspace_id",
                    "target_kind", "target_id", "data")) {
                all.append(r.optionalText(column).orElse("")).append('|');
            }
            return all.toString();
        }));
        assertFalse(rows.isEmpty(), "events were recorded");
        for (String secret : secrets) {
            for (String row : rows) assertFalse(row.contains(secret), "a secret appears in an event: " + row);
        }
    }
}

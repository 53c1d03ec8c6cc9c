package dev.portcullis.cli;

import static dev.portcullis.cli.AdminCommandTest.ok;
import static dev.portcullis.cli.AdminCommandTest.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.Core;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code portcullis admin import} records the apps and API keys it writes, by the server itself, without their secrets. */
class ImportEventsTest {
    static final String SECRET = "at least 32 characters of secret ........";
    static final String NEW_SECRET = "a brand new secret of at least 32 characters";

    static List<Event> of(Core core, EventType type) {
        return core.events().page(EventQuery.newest(50).ofTypes(Set.of(type))).events();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void importThenReimportRecordsCreatedThenUpdatedAndTheImportedSecretBySystem(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        String key = ok(env, "admin", "import", ImportCommandTest.write(ImportCommandTest.README_EXAMPLE).toString()).json()
                .get("created").get("api_keys").get(0).get("key").asText();
        ok(env, "admin", "import", ImportCommandTest.write(ImportCommandTest.README_EXAMPLE.replace(SECRET, NEW_SECRET)).toString());
        try (Core core = open(env)) {
            Event created = of(core, EventType.APP_CREATED).getFirst();
            assertEquals(Actor.Kind.SYSTEM, created.actor().kind());
            assertEquals(Optional.of(new Event.Target("app", "taskr")), created.target());
            assertEquals(1, of(core, EventType.APP_UPDATED).size());
            Event rotated = of(core, EventType.APP_SECRET_ROTATED).getFirst();
            assertEquals("imported", rotated.data().get("how"));
            assertEquals(1, of(core, EventType.APP_SECRET_ROTATED).size(), "the first import's own secret is no rotation");
            Event keyCreated = of(core, EventType.API_KEY_CREATED).getFirst();
            assertEquals(Actor.Kind.SYSTEM, keyCreated.actor().kind());
            assertEquals("ci", keyCreated.data().get("name"));
            String workspace = core.identity().findWorkspaceBySlug("acme").orElseThrow().id();
            assertEquals(Optional.of(workspace), keyCreated.workspaceId());
            assertEquals(1, of(core, EventType.API_KEY_UPDATED).size());
            String all = core.database().read(tx -> tx.query("SELECT data FROM events", r -> r.text("data"))).toString();
            for (String secret : List.of(SECRET, NEW_SECRET, key)) assertFalse(all.contains(secret), all);
        }
    }
}

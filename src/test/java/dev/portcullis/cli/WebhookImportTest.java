package dev.portcullis.cli;

import static dev.portcullis.cli.AdminCommandTest.ok;
import static dev.portcullis.cli.AdminCommandTest.open;
import static dev.portcullis.cli.AdminCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.support.Db;
import dev.portcullis.webhooks.Webhooks;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The import file's {@code webhooks}: idempotent by workspace and target_url, the new secret printed once, SSRF rule applied. */
class WebhookImportTest {
    static final String FILE = """
            {"workspaces": [{"slug": "hooks", "name": "Hooks", "members": [{"email": "ada@example.com", "role": "admin"}]}],
             "users": [{"email": "ada@example.com", "name": "Ada Lovelace", "password": "correct horse battery"}],
             "webhooks": [{"target_url": "https://93.184.215.14/all", "event_types": ["*"]},
                          {"workspace": "hooks", "target_url": "https://93.184.215.14/ws", "event_types": ["%s"]}]}
            """;

    @ParameterizedTest
    @EnumSource(Db.class)
    void importingTwiceCreatesEachWebhookOncePrintsItsSecretOnceAndThenUpdatesIt(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        JsonNode first = ok(env, "admin", "import", ImportCommandTest.write(FILE.formatted("member.added")).toString()).json();
        JsonNode created = first.get("created").get("webhooks");
        assertEquals(2, created.size(), first.toString());
        assertTrue(created.get(0).get("secret").asText().startsWith("whsec_"));
        assertEquals("hooks", created.get(1).get("workspace").asText());

        JsonNode second = ok(env, "admin", "import", ImportCommandTest.write(FILE.formatted("member.removed")).toString()).json();
        assertFalse(second.get("created").has("webhooks"), second.toString());
        assertEquals(2, second.get("updated").get("webhooks").size());
        assertFalse(second.toString().contains("whsec_"), "an existing webhook keeps its secret");
        try (Core core = open(env)) {
            var all = core.webhooks().list(Webhooks.Within.ANY);
            assertEquals(2, all.size());
            assertTrue(all.stream().anyMatch(e -> e.eventTypes().contains("member.removed") && e.workspaceId().isPresent()));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aLoopbackTargetAnUnknownTypeOrWorkspaceIsRefusedByJsonPathAndNothingIsApplied(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        for (var bad : Map.of(
                FILE.formatted("member.added").replace("https://93.184.215.14/ws", "https://127.0.0.1/ws"), "$.webhooks[1].target_url",
                FILE.formatted("nope"), "$.webhooks[1].event_types",
                FILE.formatted("member.added").replace("\"workspace\": \"hooks\"", "\"workspace\": \"elsewhere\""), "$.webhooks[1].workspace")
                .entrySet()) {
            var r = run(env, "admin", "import", ImportCommandTest.write(bad.getKey()).toString());
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.err().contains(bad.getValue()), r.err());
        }
        try (Core core = open(env)) {
            assertEquals(0, core.webhooks().list(Webhooks.Within.ANY).size());
            assertTrue(core.identity().findWorkspaceBySlug("hooks").isEmpty(), "all or nothing");
        }
    }
}

package dev.portcullis.cli;

import static dev.portcullis.cli.AdminCommandTest.ok;
import static dev.portcullis.cli.AdminCommandTest.open;
import static dev.portcullis.support.Recorded.of;
import static dev.portcullis.support.Recorded.one;
import static dev.portcullis.support.Recorded.rawData;
import static dev.portcullis.support.Recorded.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator's command line acts as the system: minting an operator token, rotating keys, importing settings. */
class AdminEventsTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void commandLineActsAreRecordedWithTheSystemAsActorAndNoSecret(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        JsonNode token = ok(env, "admin", "operator-token", "create", "--name", "ci", "--json").json();
        JsonNode rotated = ok(env, "admin", "keys", "rotate", "--alg", "RS256", "--json").json();
        JsonNode first = ok(env, "admin", "import", ImportCommandTest.write(ImportCommandTest.README_EXAMPLE).toString()).json();
        JsonNode second = ok(env, "admin", "import", ImportCommandTest.write(ImportCommandTest.README_EXAMPLE).toString()).json();
        try (Core core = open(env)) {
            Event minted = one(core, EventType.OPERATOR_TOKEN_CREATED);
            assertEquals(Actor.system(), minted.actor());
            assertEquals("operator_token:" + token.get("id").asText(), target(minted));
            assertEquals(Map.of("name", "ci"), minted.data());

            Event rotation = one(core, EventType.SIGNING_KEY_ROTATED);
            assertEquals(Actor.system(), rotation.actor());
            assertEquals("signing_key:" + rotated.get("rotated").get(0).get("kid").asText(), target(rotation));
            assertEquals("RS256", rotation.data().get("alg"));
            assertEquals(false, rotation.data().get("scheduled"));

            var imports = of(core, EventType.SETTINGS_IMPORTED);
            assertEquals(2, imports.size());
            Map<String, Object> created = new HashMap<>(Map.of("users_created", 1, "workspaces_created", 1, "apps_created", 1,
                    "api_keys_created", 1, "resources_created", 1, "created", 5, "updated", 0));
            assertEquals(created, imports.get(0).data(), first.toString());
            assertEquals(Actor.system(), imports.get(0).actor());
            assertEquals(0, imports.get(1).data().get("created"), second.toString());
            assertEquals(1, imports.get(1).data().get("api_keys_updated"));
            assertEquals(Optional.empty(), imports.get(1).target());

            // The import's own creations record their events too, as the system, once (the second run changes no membership).
            String acme = core.identity().findWorkspaceBySlug("acme").orElseThrow().id();
            Event workspace = one(core, EventType.WORKSPACE_CREATED);
            assertEquals(Actor.system(), workspace.actor());
            assertEquals(Optional.of(acme), workspace.workspaceId());
            assertEquals(1, of(core, EventType.MEMBER_ADDED).size());
            Event user = one(core, EventType.USER_CREATED);
            assertEquals(Actor.system(), user.actor());
            assertEquals("user:" + first.get("created").get("users").get(0).get("id").asText(), target(user));
            assertTrue(of(core, EventType.MEMBER_ROLE_CHANGED).isEmpty());

            String raw = rawData(core);
            assertFalse(raw.contains(token.get("token").asText()), "the operator token in the log");
            String key = first.get("created").get("api_keys").get(0).get("key").asText();
            assertFalse(raw.contains(key), "the API key in the log");
            assertFalse(raw.contains("correct horse battery"), "a password in the log");
            assertFalse(raw.contains("at least 32 characters of secret"), "a client secret in the log");
            assertNotEquals(0, raw.length());
        }
    }
}

package dev.portcullis.cli;

import static dev.portcullis.cli.AdminCommandTest.ok;
import static dev.portcullis.cli.AdminCommandTest.open;
import static dev.portcullis.cli.AdminCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code portcullis admin import}: idempotent, all or nothing, errors by JSON path. */
class ImportCommandTest {
    /** The example of the README's "Admin commands". */
    static final String README_EXAMPLE = """
            {"users": [{"email": "ada@example.com", "name": "Ada Lovelace", "password": "correct horse battery"}],
             "workspaces": [{"slug": "acme", "name": "Acme", "members": [{"email": "ada@example.com", "role": "admin"}]}],
             "apps": [{"client_id": "taskr", "client_secret": "at least 32 characters of secret ........",
                       "name": "Taskr", "owner": "ada@example.com", "redirect_uris": ["http://127.0.0.1:3050/callback"],
                       "scopes": ["openid", "profile", "email", "offline_access", "task:read"],
                       "token_endpoint_auth_method": "client_secret_basic",
                       "grant_types": ["authorization_code", "refresh_token"], "resource_server": false}],
             "api_keys": [{"workspace": "acme", "name": "ci", "scopes": ["task:read"]}],
             "resources": [{"uri": "https://mcp.example.com/mcp", "name": "Acme MCP server", "scopes": ["task:read"]}]}
            """;
    static final List<String> TABLES = List.of("users", "workspaces", "memberships", "apps", "app_redirect_uris",
            "client_secrets", "api_keys", "protected_resources");

    @ParameterizedTest
    @EnumSource(Db.class)
    void importingTheSpecExampleTwiceUpdatesAndNeverDuplicates(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        Path file = write(README_EXAMPLE);
        JsonNode first = ok(env, "admin", "import", file.toString()).json();
        JsonNode created = first.get("created");
        assertEquals("ada@example.com", created.get("users").get(0).get("email").asText());
        assertEquals("acme", created.get("workspaces").get(0).get("slug").asText());
        assertEquals("taskr", created.get("apps").get(0).get("client_id").asText());
        assertFalse(created.get("apps").get(0).has("client_secret"), "a given secret is not echoed");
        String key = created.get("api_keys").get(0).get("key").asText();
        assertTrue(key.startsWith("sk_"));
        assertEquals("https://mcp.example.com/mcp", created.get("resources").get(0).get("uri").asText());
        Map<String, Long> counts = counts(env);
        assertEquals(Map.of("users", 1L, "workspaces", 1L, "memberships", 1L, "apps", 1L, "app_redirect_uris", 1L,
                "client_secrets", 1L, "api_keys", 1L, "protected_resources", 1L), counts);

        JsonNode second = ok(env, "admin", "import", file.toString()).json();
        assertEquals(0, second.get("created").size(), second.toString());
        assertEquals(1, second.get("updated").get("api_keys").size());
        assertFalse(second.toString().contains("sk_"), "an existing key is updated, not re-minted");
        assertEquals(counts, counts(env));
        try (Core core = open(env)) {
            assertTrue(core.apps().verifySecret("taskr", "at least 32 characters of secret ........"));
            assertTrue(core.identity().authenticate("ada@example.com", "correct horse battery").isPresent());
            assertEquals(SecretHash.of(key).hex(), core.database().read(tx ->
                    tx.queryOne("SELECT key_hash FROM api_keys", r -> r.text("key_hash"))).orElseThrow(), "the first key still works");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aSecondImportAppliesChanges(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        ok(env, "admin", "import", write(README_EXAMPLE).toString());
        String changed = README_EXAMPLE.replace("\"name\": \"Acme\"", "\"name\": \"Acme Corp\"")
                .replace("\"scopes\": [\"task:read\"]}],\n \"resources\"", "\"scopes\": [\"task:read\", \"note:read\"]}],\n \"resources\"")
                .replace("at least 32 characters of secret ........", "a brand new secret of at least 32 characters")
                .replace("\"resource_server\": false", "\"resource_server\": false, \"userinfo_signed_response_alg\": \"RS256\", "
                        + "\"client_uri\": \"https://taskr.example/\"");
        ok(env, "admin", "import", write(changed).toString());
        try (Core core = open(env)) {
            assertEquals("Acme Corp", core.identity().findWorkspaceBySlug("acme").orElseThrow().name());
            assertEquals("task:read note:read", core.database().read(tx ->
                    tx.queryOne("SELECT scopes FROM api_keys", r -> r.text("scopes"))).orElseThrow());
            assertTrue(core.apps().verifySecret("taskr", "a brand new secret of at least 32 characters"));
            assertFalse(core.apps().verifySecret("taskr", "at least 32 characters of secret ........"), "the replaced secret dies");
            assertEquals(java.util.Optional.of("RS256"), core.apps().find("taskr").orElseThrow().userinfoAlg());
            assertEquals(java.util.Optional.of("https://taskr.example/"), core.apps().find("taskr").orElseThrow().settings().clientUrl());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anImportedAppMayUseTheDeviceGrant(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        String device = README_EXAMPLE.replace("\"grant_types\": [\"authorization_code\", \"refresh_token\"]",
                "\"grant_types\": [\"urn:ietf:params:oauth:grant-type:device_code\", \"refresh_token\"]");
        ok(env, "admin", "import", write(device).toString());
        try (Core core = open(env)) {
            assertEquals(java.util.Set.of(dev.portcullis.oauth.GrantType.DEVICE_CODE, dev.portcullis.oauth.GrantType.REFRESH_TOKEN),
                    core.apps().find("taskr").orElseThrow().grantTypes());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void oneBadValueAppliesNothingAndNamesItsJsonPath(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        String bad = README_EXAMPLE.replace("\"redirect_uris\": [\"http://127.0.0.1:3050/callback\"]",
                "\"redirect_uris\": [\"http://127.0.0.1:3050/callback\", \"http://taskr.example/callback\"]");
        var r = run(env, "admin", "import", write(bad).toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("$.apps[0].redirect_uris[1]: redirect URI must use https"), r.err());
        assertEquals("", r.out());
        counts(env).forEach((table, n) -> assertEquals(0L, n, table + " stays empty"));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void unknownFieldsShortSecretsAndDanglingReferencesAreRefused(Db db) {
        Map<String, String> env = AdminCommandTest.env(db);
        assertRefused(env, README_EXAMPLE.replace("\"name\": \"Ada Lovelace\"", "\"name\": \"Ada\", \"shoe_size\": \"A\""),
                "$.users[0].shoe_size: unknown field");
        assertRefused(env, README_EXAMPLE.replace("correct horse battery", "password"),
                "$.users[0].password: This password is too easy to guess. This is a top-10 common password.");
        assertRefused(env, README_EXAMPLE.replace("at least 32 characters of secret ........", "too short"),
                "$.apps[0].client_secret: client_secret must be at least 32 characters");
        assertRefused(env, README_EXAMPLE.replace("{\"workspace\": \"acme\"", "{\"workspace\": \"elsewhere\""),
                "$.api_keys[0].workspace");
        assertRefused(env, README_EXAMPLE.replace("\"role\": \"admin\"", "\"role\": \"owner\""),
                "$.workspaces[0].members[0].role");
        assertRefused(env, README_EXAMPLE.replace("\"resource_server\": false", "\"resource_server\": \"no\""),
                "$.apps[0].resource_server");
        assertRefused(env, README_EXAMPLE.replace("\"resource_server\": false", "\"resource_server\": false, \"userinfo_signed_response_alg\": \"none\""),
                "$.apps[0].userinfo_signed_response_alg");
        assertRefused(env, README_EXAMPLE.replace("\"resource_server\": false", "\"resource_server\": false, \"client_uri\": \"javascript:alert(1)\""),
                "$.apps[0].client_uri: Home page URL must be an https URL");
        assertRefused(env, README_EXAMPLE.replace("\"scopes\": [\"task:read\"]}],\n \"resources\"", "\"scopes\": [\"task read\"]}],\n \"resources\""),
                "$.api_keys[0].scopes[0]");
        assertRefused(env, README_EXAMPLE.replace("\"grant_types\": [\"authorization_code\", \"refresh_token\"], \"resource_server\": false}]",
                        "\"grant_types\": [\"authorization_code\", \"refresh_token\"], \"resource_server\": false},"
                                + " {\"client_id\": \"twin\", \"client_secret\": \"at least 32 characters of secret ........\","
                                + " \"name\": \"Twin\", \"owner\": \"ada@example.com\"}]"),
                "$.apps[1].client_secret: This secret is already used by another app");
        counts(env).forEach((table, n) -> assertEquals(0L, n, table + " stays empty"));
    }

    private static void assertRefused(Map<String, String> env, String json, String expected) {
        assertFalse(json.equals(README_EXAMPLE), "the test changed the file");
        var r = run(env, "admin", "import", write(json).toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains(expected), r.err());
    }

    static Map<String, Long> counts(Map<String, String> env) {
        try (Core core = open(env)) {
            return core.database().read(tx -> {
                var out = new java.util.HashMap<String, Long>();
                for (String table : TABLES) out.put(table, tx.count("SELECT count(*) AS n FROM " + table));
                return out;
            });
        }
    }

    static Path write(String json) {
        try {
            Path file = TestDatabases.tempDir().resolve("setup.json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

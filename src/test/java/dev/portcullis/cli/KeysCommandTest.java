package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysCommandTest {

    /** Exit code, stdout and stderr of one run of the command line. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    static synchronized Run run(Map<String, String> env, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = PortcullisCommand.run(args, env);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    static Map<String, String> env(Db db) {
        var storage = TestDatabases.fresh(db);
        Map<String, String> env = new HashMap<>();
        env.put("PORTCULLIS_DATA_DIR", storage.dataDir().toString());
        env.put("PORTCULLIS_DATABASE_URL", storage.databaseUrl());
        env.put("PORTCULLIS_DATABASE_USER", storage.user());
        env.put("PORTCULLIS_DATABASE_PASSWORD", storage.password());
        return env;
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void rotateOneAlgorithmThenListShowsTheNewCurrentAndTheRetiredKey(Db db) throws Exception {
        Map<String, String> env = env(db);
        Run listed = run(env, "admin", "keys", "list", "--json");
        assertEquals(0, listed.exit(), listed.err());
        JsonNode keys = listed.json().get("keys");
        assertEquals(SigningAlgorithm.values().length, keys.size());
        String oldEs256 = null;
        for (JsonNode key : keys) {
            assertEquals("current", key.get("status").asText());
            assertTrue(key.get("d") == null);
            if (key.get("alg").asText().equals("ES256")) oldEs256 = key.get("kid").asText();
        }

        Run rotated = run(env, "admin", "keys", "rotate", "--alg", "ES256", "--json");
        assertEquals(0, rotated.exit(), rotated.err());
        JsonNode fresh = rotated.json().get("rotated");
        assertEquals(1, fresh.size());
        assertEquals("ES256", fresh.get(0).get("alg").asText());
        assertNotEquals(oldEs256, fresh.get(0).get("kid").asText());

        JsonNode after = run(env, "admin", "keys", "list", "--json").json().get("keys");
        assertEquals(SigningAlgorithm.values().length + 1, after.size());
        for (JsonNode key : after) {
            if (key.get("kid").asText().equals(oldEs256)) {
                assertEquals("retired", key.get("status").asText());
                assertTrue(key.has("published_until") && key.has("retired_at"));
            }
        }
    }

    @Test
    void rotateWithoutAlgRotatesEveryAlgorithmAndPrintsATable() {
        Map<String, String> env = env(Db.SQLITE);
        Run rotated = run(env, "admin", "keys", "rotate");
        assertEquals(0, rotated.exit(), rotated.err());
        assertEquals(SigningAlgorithm.values().length + 1, rotated.out().lines().count(), rotated.out());
        assertTrue(rotated.out().startsWith("KID"));
        assertEquals(2 * SigningAlgorithm.values().length + 1, run(env, "admin", "keys", "list").out().lines().count());
    }

    @Test
    void rotateWithUnknownAlgIsAUsageErrorAndChangesNothing() {
        Map<String, String> env = env(Db.SQLITE);
        Run bad = run(env, "admin", "keys", "rotate", "--alg", "HS256");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expected one of [RS256, PS256, ES256, EdDSA]"), bad.err());
        assertFalse(Files.exists(Path.of(env.get("PORTCULLIS_DATA_DIR"), "portcullis.db")), "no database was even opened");
    }

    @Test
    void wrongMasterKeyIsOneClearLineAndExitCode2() {
        Map<String, String> env = env(Db.SQLITE);
        env.put("PORTCULLIS_MASTER_KEY", "AAAA");
        Run bad = run(env, "admin", "keys", "list");
        assertEquals(2, bad.exit());
        assertEquals("portcullis: invalid configuration: PORTCULLIS_MASTER_KEY must hold a base64-encoded 32-byte key"
                + " (for example `openssl rand -base64 32`)", bad.err().strip());
    }
}

package dev.portcullis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.http.Json;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin commands run in-process, as {@code ./portcullis admin ...} runs them, against a temp SQLite data dir. */
class AdminCommandTest {

    /** Exit code, stdout and stderr of one run of the command line. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
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

    static Core open(Map<String, String> env) {
        return Core.open(ConfigLoader.load(env), Clock.systemUTC());
    }

    static Run ok(Map<String, String> env, String... args) {
        Run r = run(env, args);
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    @Test
    void createUserWorkspaceAppAndApiKeyPrintingJson() {
        Map<String, String> env = env(Db.SQLITE);
        JsonNode user = ok(env, "admin", "user", "create", "--email", "ada@example.com", "--name", "Ada", "--password",
                "correct horse battery", "--json").json();
        assertEquals("ada@example.com", user.get("email").asText());
        assertFalse(user.has("password"), "a chosen password is not echoed");

        JsonNode ws = ok(env, "admin", "workspace", "create", "--slug", "acme", "--name", "Acme", "--admin", "ada@example.com", "--json").json();
        assertEquals("acme", ws.get("slug").asText());

        JsonNode app = ok(env, "admin", "app", "create", "--name", "Taskr", "--owner", "ada@example.com",
                "--redirect-uri", "http://127.0.0.1:3050/callback", "--redirect-uri", "https://taskr.example/cb",
                "--scope", "openid", "--scope", "task:read", "--auth-method", "client_secret_basic",
                "--grant-type", "authorization_code", "--grant-type", "refresh_token", "--json").json();
        assertEquals(2, app.get("redirect_uris").size());
        assertEquals(user.get("id"), app.get("owner_user_id"));

        JsonNode key = ok(env, "admin", "api-key", "create", "--workspace", "acme", "--name", "ci", "--scope", "task:read",
                "--expires-at", "2099-01-01T00:00:00Z", "--json").json();
        assertTrue(key.get("key").asText().startsWith("sk_"));
        assertEquals("2099-01-01T00:00:00Z", key.get("expires_at").asText());

        JsonNode op = ok(env, "admin", "operator-token", "create", "--name", "ci", "--json").json();
        try (Core core = open(env)) {
            assertTrue(core.identity().authenticate("ada@example.com", "correct horse battery").isPresent());
            assertTrue(core.apps().verifySecret(app.get("client_id").asText(), app.get("client_secret").asText()));
            assertEquals(SecretHash.of(key.get("key").asText()).hex(), core.database().read(tx ->
                    tx.queryOne("SELECT key_hash FROM api_keys", r -> r.text("key_hash"))).orElseThrow());
            assertEquals("ci", core.operators().authenticate(Optional.of("Bearer " + op.get("token").asText())).name());
        }
    }

    @Test
    void credentialsPrintedByTheCliWorkAgainstTheRunningServer() throws Exception {
        Map<String, String> env = env(Db.SQLITE);
        ok(env, "admin", "user", "create", "--email", "bob@example.com", "--name", "Bob", "--password", "correct horse battery");
        ok(env, "admin", "workspace", "create", "--slug", "bobs", "--name", "Bob's", "--admin", "bob@example.com");
        JsonNode app = ok(env, "admin", "app", "create", "--name", "Worker", "--owner", "bob@example.com",
                "--scope", "task:read", "--auth-method", "client_secret_basic", "--grant-type", "client_credentials", "--json").json();
        JsonNode key = ok(env, "admin", "api-key", "create", "--workspace", "bobs", "--name", "ci", "--scope", "task:read",
                "--scope", "object_configuration:read", "--json").json();
        var config = dev.portcullis.support.TestServer.configFor(ConfigLoader.load(env).storage());
        try (var server = dev.portcullis.support.TestServer.start(config)) {
            var self = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v2/self"))
                    .header("Authorization", "Bearer " + key.get("key").asText()).GET().build());
            assertEquals(200, self.statusCode());
            assertEquals("bobs", Json.MAPPER.readTree(self.body()).get("workspace_slug").asText());
            var token = new dev.portcullis.support.OAuthClient(server).token(
                    dev.portcullis.support.OAuthClient.basic(app.get("client_id").asText(), app.get("client_secret").asText()),
                    dev.portcullis.support.OAuthClient.params("grant_type", "client_credentials"));
            assertEquals(200, token.statusCode(), token.body());
        }
    }

    @Test
    void readableLinesWithoutJsonAndAGeneratedPasswordShownOnce() {
        Map<String, String> env = env(Db.SQLITE);
        Run r = ok(env, "admin", "user", "create", "--email", "bob@example.com", "--name", "Bob");
        assertTrue(r.out().startsWith("Created user bob@example.com"), r.out());
        String password = r.out().substring(r.out().lastIndexOf(' ') + 1).strip();
        try (Core core = open(env)) {
            assertTrue(core.identity().authenticate("bob@example.com", password).isPresent());
        }
    }

    @Test
    void refusedInputPrintsTheFieldAndExits1() {
        Map<String, String> env = env(Db.SQLITE);
        Run r = run(env, "admin", "workspace", "create", "--slug", "acme", "--name", "Acme", "--admin", "nobody@example.com");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--admin: No account uses that email"), r.err());
        ok(env, "admin", "user", "create", "--email", "ada@example.com", "--name", "Ada", "--password", "correct horse battery");
        Run badUri = run(env, "admin", "app", "create", "--name", "T", "--owner", "ada@example.com", "--redirect-uri", "http://evil.example/cb");
        assertEquals(1, badUri.exit());
        assertTrue(badUri.err().contains("redirect_uris[0]: redirect URI must use https"), badUri.err());
        assertEquals("", badUri.out());
    }

    @Test
    void appCreateWithJwtAccessTokensAndResourceServerThenStoredAndPrinted() {
        Map<String, String> env = env(Db.SQLITE);
        ok(env, "admin", "user", "create", "--email", "ada@example.com", "--name", "Ada", "--password", "correct horse battery");
        JsonNode api = ok(env, "admin", "app", "create", "--name", "Tasks API", "--owner", "ada@example.com",
                "--grant-type", "client_credentials", "--access-token-format", "jwt", "--resource-server", "--json").json();
        assertEquals("jwt", api.get("access_token_format").asText());
        assertTrue(api.get("resource_server").asBoolean());
        JsonNode plain = ok(env, "admin", "app", "create", "--name", "Plain", "--owner", "ada@example.com", "--json").json();
        assertEquals("opaque", plain.get("access_token_format").asText(), "opaque unless asked");
        assertFalse(plain.get("resource_server").asBoolean(), "no app is a resource server unless asked");
        try (Core core = open(env)) {
            var stored = core.apps().find(api.get("client_id").asText()).orElseThrow().settings();
            assertEquals(dev.portcullis.apps.AccessTokenFormat.JWT, stored.accessTokenFormat());
            assertTrue(stored.resourceServer());
        }
    }

    @Test
    void appCreateWithAnUnknownAccessTokenFormatThenRefusedAndNothingCreated() {
        Map<String, String> env = env(Db.SQLITE);
        ok(env, "admin", "user", "create", "--email", "ada@example.com", "--name", "Ada", "--password", "correct horse battery");
        Run r = run(env, "admin", "app", "create", "--name", "T", "--owner", "ada@example.com", "--access-token-format", "paseto");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--access-token-format: must be opaque or jwt"), r.err());
        try (Core core = open(env)) {
            assertEquals(0L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM apps")));
        }
    }
}

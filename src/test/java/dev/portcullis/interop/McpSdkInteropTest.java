package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official MCP TypeScript SDK's OAuth client ({@code auth()} from @modelcontextprotocol/sdk,
 * src/test/node/mcp-client), unchanged, against the real server: given only the API's URL it
 * finds Portcullis, registers, runs PKCE with the resource indicator, exchanges the code and
 * refreshes. The test plays the person at the consent page.
 */
class McpSdkInteropTest {
    static final Path CLIENT = Path.of("src", "test", "node", "mcp-client");
    static final String REDIRECT = "http://127.0.0.1:33418/callback";
    static final String EMAIL = "agent-owner@example.com";
    static final String PASSWORD = "correct horse battery";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        installClient();
        server = TestServer.start(Db.SQLITE);
        new Browser(server).signUp("Agent Owner", EMAIL, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a stalled Node client must fail the build, not hang it
    void sdkDiscoversRegistersAuthorizesExchangesAndRefreshes() throws Exception {
        String api = server.uri("/v2").toString();
        Process node = new ProcessBuilder("node", "client.mjs", api, REDIRECT).directory(CLIENT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
            JsonNode first = line(out);
            assertFalse(first.has("failed"), first.path("failed").asText());
            URI authorize = URI.create(first.get("authorize").asText());
            assertTrue(authorize.getQuery().contains("resource="), "the SDK names the resource (RFC 8707): " + authorize);
            URI callback = new OAuthFlow(new Browser(server), EMAIL, PASSWORD).authorize(authorize, true);
            assertTrue(callback.toString().startsWith(REDIRECT + "?code="), callback.toString());
            in.write(callback + "\n");
            in.flush();

            JsonNode result = line(out);
            assertFalse(result.has("failed"), result.path("failed").asText());
            assertEquals("REDIRECT", result.get("started").asText());
            assertEquals("AUTHORIZED", result.get("exchanged").asText());
            assertEquals("AUTHORIZED", result.get("refreshed").asText());
            JsonNode firstTokens = result.get("first");
            JsonNode secondTokens = result.get("second");
            assertNotEquals(firstTokens.get("refresh_token").asText(), secondTokens.get("refresh_token").asText(), "rotated");

            JsonNode self = Json.MAPPER.readTree(new OAuthClient(server)
                    .getWithBearer("/v2/self", secondTokens.get("access_token").asText()).body());
            assertTrue(self.get("active").asBoolean(), self.toString());
            assertEquals(result.get("clientId").asText(), self.get("client_id").asText());
            JsonNode stale = Json.MAPPER.readTree(new OAuthClient(server)
                    .getWithBearer("/v2/self", firstTokens.get("access_token").asText()).body());
            assertTrue(stale.get("active").asBoolean(), "rotation leaves the earlier access token to expire on its own");
        } finally {
            node.destroyForcibly();
        }
    }

    private static JsonNode line(BufferedReader out) throws IOException {
        String line = out.readLine();
        if (line == null) throw new AssertionError("the MCP client ended without answering (its errors are above)");
        return Json.MAPPER.readTree(line);
    }

    /** The SDK from the npm registry, at the version package-lock.json pins, once per checkout. */
    private static void installClient() throws Exception {
        if (Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"))) return;
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund")).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js and npm are missing: install Debian's nodejs and npm (.ci/run does this)", e);
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + CLIENT);
    }
}

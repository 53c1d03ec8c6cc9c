package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.NodeClient;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.nio.file.Path;
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
        NodeClient.install(CLIENT, "@modelcontextprotocol/sdk");
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
        try (NodeClient node = NodeClient.start(CLIENT, "client.mjs", api, REDIRECT)) {
            JsonNode first = node.line();
            assertFalse(first.has("failed"), first.path("failed").asText());
            URI authorize = URI.create(first.get("authorize").asText());
            assertTrue(authorize.getQuery().contains("resource="), "the SDK names the resource (RFC 8707): " + authorize);
            URI callback = new OAuthFlow(new Browser(server), EMAIL, PASSWORD).authorize(authorize, true);
            assertTrue(callback.toString().startsWith(REDIRECT + "?code="), callback.toString());
            node.answer(callback.toString());

            JsonNode result = node.line();
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
        }
    }
}

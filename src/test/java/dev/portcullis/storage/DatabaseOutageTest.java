package dev.portcullis.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.config.Config;
import dev.portcullis.http.Json;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL out of reach is an outage, not a bug: 503 with Retry-After and an incident id (a
 * load balancer routes around it, a client retries), and service resumes when it is back.
 */
class DatabaseOutageTest {

    @Test
    void databaseRefusingConnectionsThen503WithRetryAfterThenRecovers() throws Exception {
        Config config = TestServer.configFor(TestDatabases.fresh(Db.POSTGRES));
        String name = config.storage().databaseUrl().replaceAll(".*/([a-z0-9_]+)(\\?.*)?$", "$1");
        String unknownToken = Token.mint(TokenKind.ACCESS_TOKEN, new SecureRandom()).value();
        try (TestServer server = TestServer.start(config);
             Connection admin = DriverManager.getConnection(config.storage().databaseUrl().replace("/" + name, "/postgres"),
                     "postgres", "postgres")) {
            setAllowConnections(admin, name, false);
            HttpResponse<String> down = new OAuthClient(server).getWithBearer("/v2/self", unknownToken);
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("5", down.headers().firstValue("Retry-After").orElseThrow());
            JsonNode body = Json.MAPPER.readTree(down.body());
            assertEquals("service_unavailable", body.get("code").asText());
            assertTrue(body.get("message").asText().contains("Incident id"));
            assertFalse(down.body().contains("Exception") || down.body().contains(name), down.body());

            setAllowConnections(admin, name, true);
            // Pooled connections the outage broke fail once each (503) and leave the pool; then service resumes.
            HttpResponse<String> back = down;
            for (int attempt = 0; attempt < 20 && back.statusCode() == 503; attempt++) {
                back = new OAuthClient(server).getWithBearer("/v2/self", unknownToken);
            }
            assertEquals(200, back.statusCode(), back.body());
            assertFalse(Json.MAPPER.readTree(back.body()).get("active").asBoolean());
        }
    }

    /** Refuses new connections to {@code name} and ends the pool's open ones, as a database restart would. */
    private static void setAllowConnections(Connection admin, String name, boolean allow) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
            if (!allow) st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }
}

package dev.portcullis.token;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The token endpoint's per-client rate limit (PORTCULLIS_RATE_TOKEN_PER_SECOND). */
class TokenEndpointRateLimitTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void pastTheLimitThen429WithRetryAfterForThatClientOnly(Db db) throws Exception {
        var config = ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_RATE_TOKEN_PER_SECOND", "2")).withStorage(TestDatabases.fresh(db));
        try (TestServer server = TestServer.start(config)) {
            var oauth = new OAuthClient(server);
            var tokens = new UserTokens(server.portcullis());
            var busy = tokens.app("task:read");
            var calm = tokens.app("task:read");
            var cc = params("grant_type", "client_credentials");
            assertEquals(200, oauth.token(basic(busy.id(), busy.secret()), cc).statusCode());
            assertEquals(200, oauth.token(basic(busy.id(), busy.secret()), cc).statusCode());
            HttpResponse<String> limited = oauth.token(basic(busy.id(), busy.secret()), cc);
            assertEquals(429, limited.statusCode());
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            JsonNode body = Json.MAPPER.readTree(limited.body());
            assertEquals("rate_limit_exceeded", body.get("code").asText());
            assertEquals(429, body.get("status_code").asInt());
            assertEquals(200, oauth.token(basic(calm.id(), calm.secret()), cc).statusCode(), "another client has its own budget");
            assertEquals(401, oauth.token(basic(busy.id(), "wrong"), cc).statusCode(),
                    "failed authentication spends nothing and is refused as such");
        }
    }
}

package dev.portcullis.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: open without PORTCULLIS_METRICS_TOKEN, only for its Bearer token with it. */
class MetricsEndpointTest {
    private static final String TOKEN = "scrape-token-0123456789";

    @Test
    void withoutATokenSetThenMetricsAreOpen() {
        try (TestServer server = server(null)) {
            HttpResponse<String> res = server.get("/metrics");
            assertEquals(200, res.statusCode());
            assertTrue(res.body().contains("# TYPE"), res.body());
        }
    }

    @Test
    void withATokenSetThenOnlyThatBearerTokenGetsTheMetrics() {
        try (TestServer server = server(TOKEN)) {
            for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                    "Basic " + TOKEN, TOKEN, "Bearer "}) {
                HttpResponse<String> refused = metrics(server, authorization);
                assertEquals(401, refused.statusCode(), String.valueOf(authorization));
                assertEquals("Bearer realm=\"metrics\"", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertTrue(refused.body().contains("\"status_code\":401"), refused.body());
                assertFalse(refused.body().contains("# TYPE"), "no metric leaks: " + refused.body());
            }
            HttpResponse<String> ok = metrics(server, "Bearer " + TOKEN);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("# TYPE"), ok.body());
            assertEquals(200, metrics(server, "bearer " + TOKEN).statusCode(), "the scheme is case-insensitive (RFC 9110 §11.1)");
            assertEquals(200, server.get("/healthz").statusCode(), "health checks stay open");
        }
    }

    private static HttpResponse<String> metrics(TestServer server, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/metrics")).GET();
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }

    private static TestServer server(String token) {
        Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false"));
        if (token != null) env.put("PORTCULLIS_METRICS_TOKEN", token);
        return TestServer.start(ConfigLoader.load(env).withStorage(TestDatabases.fresh(Db.SQLITE)));
    }
}

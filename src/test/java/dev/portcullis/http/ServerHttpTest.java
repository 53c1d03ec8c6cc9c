package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP adapter on a real port: headers, the JSON error format, size limits. */
class ServerHttpTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        HttpResponse<String> res = server.get("/healthz");
        assertEquals(200, res.statusCode());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", res.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("DENY", res.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(res.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
        assertEquals(16, res.headers().firstValue("X-Request-Id").orElseThrow().length());
    }

    @Test
    void unknownPathThenJson404InApiFormat() throws Exception {
        HttpResponse<String> res = server.get("/no/such/thing");
        assertEquals(404, res.statusCode());
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertEquals(404, body.get("status_code").asInt());
        assertEquals("invalid_request_error", body.get("type").asText());
        assertEquals("not_found", body.get("code").asText());
        assertFalse(body.has("error"), "API format has no RFC 6749 'error' field");
        assertTrue(res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void unknownOAuthPathThenRfcFieldsMergedWithApiFields() throws Exception {
        HttpResponse<String> res = server.post("/oauth2/nothing", "application/x-www-form-urlencoded", "a=b");
        assertEquals(404, res.statusCode());
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertEquals("not_found", body.get("error").asText());
        assertTrue(body.has("error_description"));
        assertEquals(404, body.get("status_code").asInt());
    }

    @Test
    void oversizedBodyThen413NotServerError() {
        String big = "x=" + "a".repeat(70_000);
        HttpResponse<String> res = server.post("/healthz", "application/x-www-form-urlencoded", big);
        assertTrue(res.statusCode() == 413 || res.statusCode() == 404, "got " + res.statusCode());
        assertFalse(res.body().contains("Exception"));
    }

    @Test
    void malformedRequestLineThen4xx() {
        int status = server.rawStatus("GET /healthz?a=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(status < 500, "got " + status);
        int badJsonStatus = server.rawStatus("POST /oauth2/x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{{{");
        assertEquals(404, badJsonStatus);
    }
}

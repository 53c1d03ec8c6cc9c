package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    void startWhenThePortIsTakenThenFailsInsteadOfRunningWithoutAListener() throws IOException {
        var config = TestServer.configFor(dev.portcullis.support.TestDatabases.fresh(Db.SQLITE));
        try (var taken = new java.net.ServerSocket(config.server().port(), 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            var failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> dev.portcullis.Portcullis.start(config));
            assertTrue(failure.getMessage().contains(":" + config.server().port()), failure.getMessage());
        }
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
    void wrongMethodOnAKnownPathThen405WithAllowInThePathsFormat() throws Exception {
        HttpResponse<String> token = server.get("/oauth2/token");
        assertEquals(405, token.statusCode());
        assertEquals("POST", token.headers().firstValue("Allow").orElseThrow());
        JsonNode oauth = Json.MAPPER.readTree(token.body());
        assertEquals("invalid_request", oauth.get("error").asText());
        assertEquals("method_not_allowed", oauth.get("code").asText());

        HttpResponse<String> self = server.send(HttpRequest.newBuilder(server.uri("/v2/self")).DELETE().build());
        assertEquals(405, self.statusCode());
        assertEquals("GET, HEAD", self.headers().firstValue("Allow").orElseThrow());
        assertFalse(Json.MAPPER.readTree(self.body()).has("error"), "API format");

        HttpResponse<String> task = server.send(HttpRequest.newBuilder(server.uri("/v2/tasks/3f1c2a4e-0000-4000-8000-000000000000"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());
        assertEquals(405, task.statusCode());
        assertEquals("GET, PATCH, DELETE, HEAD", task.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void headOnAGetRouteThenTheGetsHeadersAndLengthWithoutBodyAndTheConnectionStaysUsable() throws Exception {
        int length = server.get("/.well-known/openid-configuration").body().getBytes(StandardCharsets.UTF_8).length;
        String requests = "HEAD /.well-known/openid-configuration HTTP/1.1\r\nHost: x\r\n\r\n"
                + "HEAD /no/such/thing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.portcullis().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String[] answers = all.split("(?=HTTP/1\\.1 )");
            assertEquals(3, answers.length, all);
            assertTrue(answers[0].startsWith("HTTP/1.1 200"), answers[0]);
            assertTrue(answers[0].contains("Content-Length: " + length + "\r\n"), "the GET's length (RFC 9110 §8.6): " + answers[0]);
            assertTrue(answers[0].endsWith("\r\n\r\n"), "no body: " + answers[0]);
            assertTrue(answers[1].startsWith("HTTP/1.1 404") && answers[1].endsWith("\r\n\r\n"), "an error has no body either: " + answers[1]);
            int notFound = server.get("/no/such/thing").body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(answers[1].contains("Content-Length: " + notFound + "\r\n"), "as long as the GET's error: " + answers[1]);
            assertTrue(answers[2].startsWith("HTTP/1.1 200") && answers[2].endsWith("{\"status\":\"ok\"}"), answers[2]);
        }
    }

    @Test
    void connectionCloseThenTheServerClosesAfterTheAnswer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.portcullis().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 200") && all.endsWith("{\"status\":\"ok\"}"), all);
        }
    }

    @Test
    void clientGoneMidBodyOrUnknownMethodNamesNeverReachMetricsAsErrorsOrLabels() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.portcullis().port())) {
            socket.getOutputStream().write(("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 100\r\n\r\ngrant_type=").getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < 3; i++) server.rawStatus("FOO" + i + " /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        // Both are recorded after their answers went out: wait until they are, then look.
        String metrics = "";
        for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            metrics = server.get("/metrics").body();
            if (metrics.contains("method=\"other\",route=\"unmatched\",status=\"405\"} 3")
                    && metrics.contains("method=\"POST\",route=\"/oauth/token\"")) break;
        }
        assertTrue(metrics.contains("method=\"POST\",route=\"/oauth/token\",status=\"400\""), metrics);
        assertFalse(metrics.contains("status=\"500\""), metrics);
        assertFalse(metrics.contains("method=\"FOO"), "a client's method name is no label");
        assertTrue(metrics.contains("method=\"other\""), metrics);
    }

    @Test
    void requestsRefusedBeforeRoutingGetTheContractsErrorFormat() throws Exception {
        String badQuery = raw("GET /v2/tasks?limit=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(badQuery.startsWith("HTTP/1.1 400"), badQuery);
        assertTrue(badQuery.contains("X-Content-Type-Options: nosniff"), badQuery);
        JsonNode api = Json.MAPPER.readTree(badQuery.substring(badQuery.indexOf("\r\n\r\n") + 4));
        assertEquals("invalid_request", api.get("code").asText());
        assertFalse(api.has("error"), "API format on /v2");

        String tooLong = raw("GET /oauth2/token?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(tooLong.startsWith("HTTP/1.1 414"), tooLong.lines().findFirst().orElse(""));
        // A request line too long to read has no path Helidon could give: the API format.
        JsonNode lineTooLong = Json.MAPPER.readTree(tooLong.substring(tooLong.indexOf("\r\n\r\n") + 4));
        assertEquals(414, lineTooLong.get("status_code").asInt());
        assertEquals("invalid_request", lineTooLong.get("code").asText());

        String huge = raw("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 999999999\r\n\r\n");
        assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
        assertTrue(huge.contains("\"code\":\"payload_too_large\""), huge);
        assertTrue(server.get("/metrics").body().contains("route=\"unrouted\",status=\"414\""), "counted though never routed");
    }

    @Test
    void headRefusedBeforeRoutingThenNoBodyEither() throws Exception {
        String answer = raw("HEAD /healthz?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), "headers only: " + answer);
    }

    @Test
    void malformedChunkSizesThen400AndTheConnectionClosesNever500() throws Exception {
        for (String size : new String[] {"zz", "-1", "ffffffffffffffffff", "0x1d", "1d "}) {
            String answer = raw("POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + size + "\r\ngrant_type=client_credentials\r\n0\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), size + ": " + answer);
            assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, size + ": nothing after a body that cannot be framed: " + answer);
        }
        String chunk = "x".repeat(65_536);
        StringBuilder pastTheLimit = new StringBuilder();
        for (int i = 0; i < 3; i++) pastTheLimit.append("10000\r\n").append(chunk).append("\r\n");
        for (String path : new String[] {"/oauth2/token", "/login"}) {
            String answer = raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + pastTheLimit + "zz\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + ", malformed past the limit: " + answer.lines().findFirst().orElse(""));
            assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, path + ": " + answer);
        }
    }

    @Test
    void authorizationUrlsUpToEightKibibytesAreRouted() {
        int status = server.rawStatus("GET /authorize?state=" + "s".repeat(7000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(401, status, "the invalid_client error page for a missing client_id, not 414");
    }

    /** Sends {@code request} and reads until the server closes the connection. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.portcullis().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void chunkedBodyPastTheHardLimitThen413AndTheRestIsNeverReadAsARequest() throws Exception {
        String smuggled = "GET /healthz?smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        String chunk = smuggled + "x".repeat(8192 - smuggled.length());
        StringBuilder body = new StringBuilder();
        long hardLimit = 65_536 + BodyLimit.SWALLOW_BYTES;
        for (long sent = 0; sent < hardLimit + 65_536; sent += chunk.length()) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        body.append("0\r\n\r\n");
        String answer;
        try (Socket socket = new Socket("127.0.0.1", server.portcullis().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                socket.getOutputStream().write(body.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedWhileSending) {
                // the server may close before it has read everything; what it answered is what counts
            }
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer.lines().findFirst().orElse(""));
        assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "exactly one answer, then the end: " + answer);
    }

    @Test
    void oversizedBodyThen413ReadableEveryTime() throws Exception {
        String big = "x=" + "a".repeat(70_000);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> res = server.post("/oauth2/token", "application/x-www-form-urlencoded", big);
            assertEquals(413, res.statusCode(), "attempt " + i);
            assertEquals("payload_too_large", Json.MAPPER.readTree(res.body()).get("code").asText());
        }
    }

    @Test
    void oversizedChunkedBodyThen413() throws Exception {
        byte[] big = ("x=" + "a".repeat(70_000)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build());
        assertEquals(413, res.statusCode());
        assertEquals("payload_too_large", Json.MAPPER.readTree(res.body()).get("code").asText());
    }

    @Test
    void bodyAtTheLimitIsRead() throws Exception {
        String exact = "grant_type=x&pad=" + "a".repeat(65_536 - "grant_type=x&pad=".length());
        HttpResponse<String> res = server.post("/oauth2/token", "application/x-www-form-urlencoded", exact);
        assertEquals(400, res.statusCode());
        assertEquals("unsupported_grant_type", Json.MAPPER.readTree(res.body()).get("error").asText());
    }

    @Test
    void connectionServesTheNextRequestAfterA413() throws Exception {
        String body = "a".repeat(70_000);
        String requests = "POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body
                + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.portcullis().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(socket, "{\"status\":\"ok\"}");
            assertTrue(all.startsWith("HTTP/1.1 413"), all.lines().findFirst().orElse(""));
            assertTrue(all.contains("HTTP/1.1 200"), "second response on the same connection");
        }
    }

    @Test
    void malformedRequestLineThen4xx() {
        int status = server.rawStatus("GET /healthz?a=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(status < 500, "got " + status);
        int badJsonStatus = server.rawStatus("POST /oauth2/x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{{{");
        assertEquals(404, badJsonStatus);
    }

    private static String readUntil(Socket socket, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[8192];
        InputStream in = socket.getInputStream();
        for (int n; !text.toString().endsWith(end) && (n = in.read(buf)) > 0; ) {
            text.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }
}

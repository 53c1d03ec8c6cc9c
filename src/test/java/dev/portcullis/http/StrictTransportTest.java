package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HSTS (RFC 6797) on every answer when the issuer is https, never when it is http. */
class StrictTransportTest {

    @Test
    void httpsIssuerThenEveryAnswerCarriesHsts() {
        try (TestServer server = server("https://auth.example.com")) {
            for (HttpResponse<String> res : answers(server)) {
                assertEquals("max-age=31536000; includeSubDomains",
                        res.headers().firstValue("Strict-Transport-Security").orElse("(none) on " + res.statusCode()));
            }
            assertEquals("max-age=31536000; includeSubDomains", hstsOfRawAnswer(server), "errors before routing too");
        }
    }

    @Test
    void httpIssuerThenNoHsts() {
        try (TestServer server = server("http://localhost:8080")) {
            for (HttpResponse<String> res : answers(server)) {
                assertTrue(res.headers().firstValue("Strict-Transport-Security").isEmpty(), "status " + res.statusCode());
            }
            assertEquals("", hstsOfRawAnswer(server));
        }
    }

    private static List<HttpResponse<String>> answers(TestServer server) {
        return List.of(server.get("/healthz"), server.get("/login"), server.get("/no/such/path"),
                server.post("/oauth2/token", "application/x-www-form-urlencoded", "grant_type=nope"));
    }

    private static String hstsOfRawAnswer(TestServer server) {
        try (var socket = new java.net.Socket("127.0.0.1", server.portcullis().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            return answer.lines().filter(l -> l.startsWith("Strict-Transport-Security: "))
                    .map(l -> l.substring("Strict-Transport-Security: ".length())).findFirst().orElse("");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestServer server(String issuer) {
        return TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", issuer)).withStorage(TestDatabases.fresh(Db.SQLITE)));
    }
}

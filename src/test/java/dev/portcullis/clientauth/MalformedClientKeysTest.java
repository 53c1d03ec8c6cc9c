package dev.portcullis.clientauth;

import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key sets a client controls but no library would produce: a null key, an Ed25519 key of the
 * wrong length. Registering them is invalid_client_metadata, and an assertion checked against
 * them (inline, or served at a jwks_uri) is invalid_client, never a 500.
 */
class MalformedClientKeysTest {
    static MutableClock clock;
    static TestServer server;
    static OAuthClient oauth;
    static SignedAssertions assertions;
    static HttpServer web;
    static final Map<String, String> served = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            String body = served.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        web.start();
        clock = MutableClock.startingNow();
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String issuer = "http://127.0.0.1:" + port;
        var config = ConfigLoader.load(Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", issuer, "PORTCULLIS_CIMD_ALLOW_PRIVATE", "true",
                "PORTCULLIS_REGISTRATIONS_PER_HOUR", "1000")).withStorage(TestDatabases.fresh(Db.SQLITE));
        server = TestServer.start(config, clock);
        oauth = new OAuthClient(server);
        assertions = new SignedAssertions(clock, issuer + "/oauth2/token");
    }

    @AfterAll
    static void stop() {
        server.close();
        web.stop(0);
    }

    @Test
    void registerWhenJwksHoldsANullKeyThenInvalidClientMetadata() {
        HttpResponse<String> res = register(Map.of("jwks", Json.MAPPER.createObjectNode()
                .set("keys", Json.MAPPER.createArrayNode().addNull())));
        assertEquals(400, res.statusCode(), res.body());
        assertEquals("invalid_client_metadata", json(res).get("error").asText());
        assertTrue(json(res).get("error_description").asText().contains("JWK Set"), res.body());
    }

    @Test
    void assertionWhenJwksUriServesANullKeyThenInvalidClient() throws Exception {
        served.put("/null.jwks", "{\"keys\":[null]}");
        String client = clientId(register(Map.of("jwks_uri", web("/null.jwks"))));
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k").generate();
        assertRefused(token(assertions.sign(key, JWSAlgorithm.EdDSA, client)), client);
    }

    @Test
    void assertionWhenTheMatchingRegisteredEd25519KeyHasTheWrongLengthThenInvalidClient() throws Exception {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyID("short").generate();
        Map<String, Object> shortKey = Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA", "kid", "short");
        String client = clientId(register(Map.of("jwks", Map.of("keys", List.of(shortKey)))));
        assertRefused(token(assertions.sign(key, JWSAlgorithm.EdDSA, client)), client);

        served.put("/short.jwks", new String(Json.bytes(Map.of("keys", List.of(shortKey))), StandardCharsets.UTF_8));
        String remote = clientId(register(Map.of("jwks_uri", web("/short.jwks"))));
        assertRefused(token(assertions.sign(key, JWSAlgorithm.EdDSA, remote)), remote);
    }

    static String web(String path) {
        return "http://127.0.0.1:" + web.getAddress().getPort() + path;
    }

    static HttpResponse<String> register(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("client_name", "Signer", "token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("client_credentials")));
        body.putAll(extra);
        return oauth.postJson("/oauth2/register", null, new String(Json.bytes(body), StandardCharsets.UTF_8));
    }

    static String clientId(HttpResponse<String> registered) {
        assertEquals(201, registered.statusCode(), registered.body());
        return json(registered).get("client_id").asText();
    }

    static HttpResponse<String> token(String assertion) {
        return oauth.token(null, params("grant_type", "client_credentials", "client_assertion_type", ClientAssertion.TYPE,
                "client_assertion", assertion));
    }

    static void assertRefused(HttpResponse<String> res, String client) {
        assertEquals(401, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("invalid_client", body.get("error").asText());
        long issued = server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM access_tokens WHERE app_id = ?", client));
        assertEquals(0, issued, "nothing issued");
    }
}

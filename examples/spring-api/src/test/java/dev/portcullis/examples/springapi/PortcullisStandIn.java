package dev.portcullis.examples.springapi;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A stand-in for Portcullis on a free loopback port: discovery, a JWKS, RFC 9068 JWT access
 * tokens signed with its key, and an RFC 7662 introspection endpoint that answers what the test
 * told it to, after checking the resource server's HTTP Basic credentials.
 */
final class PortcullisStandIn implements AutoCloseable {
    static final String CLIENT_ID = "spring-api";
    static final String CLIENT_SECRET = "resource-server-secret-of-at-least-32-characters";

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    final List<String> introspectionRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    PortcullisStandIn() {
        try {
            key = new RSAKeyGenerator(2048).keyID("k1").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", ex -> json(ex, 200,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/oauth2/jwks\","
                        + "\"introspection_endpoint\":\"" + issuer() + "/oauth2/introspect\"}"));
        server.createContext("/oauth2/jwks", ex -> json(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/oauth2/introspect", this::introspect);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The introspection answer (a JSON object) for {@code token}; anything else is inactive. */
    void answer(String token, String json) {
        answers.put(token, json);
    }

    /** An access token as Portcullis issues it for a user, changed by {@code edit}; typ {@code at+jwt}. */
    String accessToken(String scope, UnaryOperator<JWTClaimsSet.Builder> edit) {
        return sign(key, new JOSEObjectType("at+jwt"), edit.apply(accessClaims(scope)).build());
    }

    JWTClaimsSet.Builder accessClaims(String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("user-1")
                .audience(issuer() + "/v2")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", "taskr")
                .claim("scope", scope)
                .claim("workspace_id", "ws-1");
    }

    /** An OIDC ID token: typ JWT, aud = the client that asked for it. */
    String idToken() {
        Instant now = Instant.now();
        return sign(key, JOSEObjectType.JWT, new JWTClaimsSet.Builder().issuer(issuer()).subject("user-1").audience("taskr")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("name", "Ada Lovelace").build());
    }

    String sign(JOSEObjectType type, JWTClaimsSet claims) {
        return sign(key, type, claims);
    }

    static String sign(RSAKey with, JOSEObjectType type, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7662 §2.1: only an authenticated client gets an answer; unknown tokens are inactive. */
    private void introspect(HttpExchange ex) throws IOException {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            json(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        introspectionRequests.add(body);
        String token = "";
        for (String pair : body.split("&")) {
            if (pair.startsWith("token=")) token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
        json(ex, 200, answers.getOrDefault(token, "{\"active\":false}"));
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

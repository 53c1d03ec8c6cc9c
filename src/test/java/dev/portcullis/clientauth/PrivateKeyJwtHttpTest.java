package dev.portcullis.clientauth;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * private_key_jwt end to end on both databases: clients register their keys by value or by URL
 * (served here from a loopback HTTP server, which the development setting allows), then
 * authenticate at the token, introspection and revocation endpoints with signed assertions.
 * Every refused assertion is a 401 invalid_client that issues nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PrivateKeyJwtHttpTest {
    @Parameter
    Db db;

    static MutableClock clock;
    static TestServer server;
    static OAuthClient oauth;
    static String issuer;
    static SignedAssertions assertions;
    static HttpServer web;
    static final Map<String, String> served = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static RSAKey rsa;
    static String rsaClient;

    @BeforeParameterizedClassInvocation
    static void start(Db db) throws Exception {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String body = served.get(path);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".jwks") ? "application/jwk-set+json" : "application/json");
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
        issuer = "http://127.0.0.1:" + port;
        var config = ConfigLoader.load(Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", issuer, "PORTCULLIS_CIMD_ALLOW_PRIVATE", "true",
                "PORTCULLIS_REGISTRATIONS_PER_HOUR", "1000")).withStorage(TestDatabases.fresh(db));
        server = TestServer.start(config, clock);
        oauth = new OAuthClient(server);
        assertions = new SignedAssertions(clock, issuer + "/oauth2/token");
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        rsaClient = clientId(register(Map.of("jwks", publicSet(rsa))));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
        web.stop(0);
    }

    static Object publicSet(JWK... keys) {
        return new JWKSet(List.of(keys)).toJSONObject(true);
    }

    /** RFC 7591 registration of a private_key_jwt client_credentials client with {@code extra} metadata. */
    static HttpResponse<String> registerRaw(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("client_name", "Signer", "token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("client_credentials")));
        body.putAll(extra);
        return oauth.postJson("/oauth2/register", null, new String(dev.portcullis.http.Json.bytes(body), StandardCharsets.UTF_8));
    }

    static HttpResponse<String> register(Map<String, Object> extra) {
        HttpResponse<String> res = registerRaw(extra);
        assertEquals(201, res.statusCode(), res.body());
        return res;
    }

    static String clientId(HttpResponse<String> registered) {
        return json(registered).get("client_id").asText();
    }

    static HttpResponse<String> token(String assertion, String... more) {
        Map<String, String> p = params("grant_type", "client_credentials", "client_assertion_type", ClientAssertion.TYPE,
                "client_assertion", assertion);
        p.putAll(params(more));
        return oauth.token(null, p);
    }

    static long tokensOf(String clientId) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM access_tokens WHERE app_id = ?", clientId));
    }

    static void assertRefused(HttpResponse<String> res) {
        assertEquals(401, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals(401, body.get("status_code").asInt());
        assertEquals("authentication_error", body.get("type").asText());
        assertTrue(res.headers().firstValue("WWW-Authenticate").isEmpty(), "no Basic challenge: Basic was not used");
    }

    /** Sends {@code assertion} for {@link #rsaClient} and expects a refusal that issued no token. */
    static void assertRefusedForRsaClient(String assertion, String... more) {
        long before = tokensOf(rsaClient);
        assertRefused(token(assertion, more));
        assertEquals(before, tokensOf(rsaClient), "nothing issued");
    }

    @Test
    void registerWithJwksThenTokenIntrospectionAndRevocationWithAssertions() {
        ECKey ec = key(new ECKeyGenerator(Curve.P_256).keyID("ec-1"));
        HttpResponse<String> registered = register(Map.of("jwks", publicSet(ec), "token_endpoint_auth_signing_alg", "ES256"));
        JsonNode meta = json(registered);
        String client = meta.get("client_id").asText();
        assertFalse(meta.has("client_secret"), "a key-based client gets no secret");
        assertEquals("private_key_jwt", meta.get("token_endpoint_auth_method").asText());
        assertEquals("ES256", meta.get("token_endpoint_auth_signing_alg").asText());
        assertEquals("ec-1", meta.get("jwks").get("keys").get(0).get("kid").asText());
        assertFalse(meta.get("jwks").get("keys").get(0).has("d"));

        HttpResponse<String> issued = token(assertions.sign(ec, JWSAlgorithm.ES256, client), "client_id", client);
        assertEquals(200, issued.statusCode(), issued.body());
        String accessToken = json(issued).get("access_token").asText();

        var introspect = params("token", accessToken, "client_assertion_type", ClientAssertion.TYPE, "client_assertion",
                assertions.sign(ec, JWSAlgorithm.ES256, client, b -> b.audience(issuer + "/oauth2/introspect")));
        HttpResponse<String> active = oauth.post("/oauth2/introspect", null, form(introspect));
        assertEquals(200, active.statusCode(), active.body());
        assertTrue(json(active).get("active").asBoolean());
        assertEquals(client, json(active).get("client_id").asText());

        var revoke = params("token", accessToken, "client_assertion_type", ClientAssertion.TYPE, "client_assertion",
                assertions.sign(ec, JWSAlgorithm.ES256, client, b -> b.audience(issuer)));
        assertEquals(200, oauth.post("/oauth2/revoke", null, form(revoke)).statusCode());
        introspect.put("client_assertion", assertions.sign(ec, JWSAlgorithm.ES256, client));
        assertFalse(json(oauth.post("/oauth/introspect", null, form(introspect))).get("active").asBoolean());
    }

    @Test
    void theNimbusSdksPrivateKeyJwtAuthenticatesUnchanged() throws Exception {
        var auth = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(new com.nimbusds.oauth2.sdk.id.ClientID(rsaClient),
                server.uri("/oauth2/token"), JWSAlgorithm.RS256, rsa.toRSAPrivateKey(), rsa.getKeyID(), null);
        var request = new com.nimbusds.oauth2.sdk.TokenRequest(server.uri("/oauth2/token"), auth,
                new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), null);
        var response = com.nimbusds.oauth2.sdk.TokenResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
    }

    @Test
    void registerWithJwksUriThenTokenAndARotatedKeyIsFetchedAgain() {
        RSAKey first = key(new RSAKeyGenerator(2048).keyID("r1"));
        String path = "/" + db + "/rotating.jwks";
        served.put(path, new JWKSet(first).toPublicJWKSet().toString());
        String client = clientId(register(Map.of("jwks_uri", "http://127.0.0.1:" + web.getAddress().getPort() + path)));
        assertEquals(200, token(assertions.sign(first, JWSAlgorithm.RS256, client)).statusCode());
        assertEquals(200, token(assertions.sign(first, JWSAlgorithm.PS256, client)).statusCode());
        assertEquals(1, hits.get(path).get(), "the key set is kept between assertions");

        RSAKey second = key(new RSAKeyGenerator(2048).keyID("r2"));
        served.put(path, new JWKSet(List.of(first, second)).toPublicJWKSet().toString());
        assertRefused(token(assertions.sign(second, JWSAlgorithm.RS256, client)));
        assertEquals(1, hits.get(path).get(), "an unknown kid refetches at most every 30 s");
        clock.advance(Duration.ofSeconds(31));
        HttpResponse<String> afterRotation = token(assertions.sign(second, JWSAlgorithm.RS256, client));
        assertEquals(200, afterRotation.statusCode(), afterRotation.body());
        assertEquals(2, hits.get(path).get());
    }

    @Test
    void jwksUriThatCannotBeFetchedThenInvalidClientNot500() {
        RSAKey key = key(new RSAKeyGenerator(2048).keyID("gone"));
        String client = clientId(register(Map.of("jwks_uri", "http://127.0.0.1:" + web.getAddress().getPort() + "/" + db + "/missing.jwks")));
        assertRefused(token(assertions.sign(key, JWSAlgorithm.RS256, client)));
    }

    @Test
    void eddsaKeysWorkAndARegisteredAlgorithmIsEnforced() {
        OctetKeyPair ed = key(new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed"));
        RSAKey other = key(new RSAKeyGenerator(2048).keyID("other"));
        String client = clientId(register(Map.of("jwks", publicSet(ed, other), "token_endpoint_auth_signing_alg", "EdDSA")));
        assertEquals(200, token(assertions.sign(ed, JWSAlgorithm.EdDSA, client)).statusCode());
        long before = tokensOf(client);
        assertRefused(token(assertions.sign(other, JWSAlgorithm.RS256, client)));
        assertEquals(before, tokensOf(client));
    }

    @Test
    void assertionSignedWithAnotherKeyThenInvalidClient() {
        RSAKey impostor = key(new RSAKeyGenerator(2048).keyID(rsa.getKeyID()));
        assertRefusedForRsaClient(assertions.sign(impostor, JWSAlgorithm.RS256, rsaClient));
    }

    @Test
    void wrongAudienceThenInvalidClient() {
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient, b -> b.audience("https://other.example/token")));
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient, b -> b.audience((String) null)));
    }

    @Test
    void expiredOrTooLongLivedOrNotYetValidThenInvalidClient() {
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient,
                b -> b.expirationTime(Date.from(clock.instant().minusSeconds(61)))));
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient, b -> b.expirationTime(null)));
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient,
                b -> b.expirationTime(Date.from(clock.instant().plus(Duration.ofHours(2))))));
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient,
                b -> b.notBeforeTime(Date.from(clock.instant().plusSeconds(300)))));
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient,
                b -> b.issueTime(Date.from(clock.instant().plusSeconds(300)))));
        HttpResponse<String> skewed = token(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient,
                b -> b.expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(59))))
                        .issueTime(Date.from(clock.instant().plusSeconds(30)))));
        assertEquals(200, skewed.statusCode(), "an hour's lifetime (authlib's default) and 30 s of skew pass: " + skewed.body());
    }

    @Test
    void missingOrReplayedJtiThenInvalidClient() {
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient, b -> b.jwtID(null)));
        String once = assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient);
        assertEquals(200, token(once).statusCode());
        assertRefusedForRsaClient(once);
        var introspectReplay = params("token", "x", "client_assertion_type", ClientAssertion.TYPE, "client_assertion", once);
        assertRefused(oauth.post("/oauth2/introspect", null, form(introspectReplay)));
    }

    @Test
    void unsignedOrHmacAssertionThenInvalidClient() {
        assertRefusedForRsaClient(assertions.unsigned(rsaClient));
        // An HMAC keyed with public material the attacker knows: the classic algorithm-confusion attempt.
        assertRefusedForRsaClient(assertions.hmac(rsa.getModulus().decode(), rsa.getKeyID(), rsaClient));
        assertRefusedForRsaClient("not.a.jwt");
    }

    @Test
    void issuerOrSubjectOtherThanTheClientThenInvalidClient() {
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient, b -> b.issuer("someone-else")));
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient, b -> b.subject("someone-else")));
    }

    @Test
    void assertionForAnotherClientIdThenInvalidClient() {
        ECKey ec = key(new ECKeyGenerator(Curve.P_256).keyID("b"));
        String clientB = clientId(register(Map.of("jwks", publicSet(ec))));
        // client_id names B, the assertion is A's (correctly signed by A).
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient), "client_id", clientB);
        // B's identity claimed, signed with A's key.
        assertRefused(token(assertions.sign(rsa, JWSAlgorithm.RS256, clientB)));
        assertEquals(0, tokensOf(clientB));
    }

    @Test
    void mixingMethodsOrAWrongMethodThenInvalidClient() {
        String assertion = assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient);
        HttpResponse<String> withBasic = oauth.token(basic(rsaClient, "x"), params("grant_type", "client_credentials",
                "client_assertion_type", ClientAssertion.TYPE, "client_assertion", assertion));
        assertEquals(401, withBasic.statusCode());
        assertTrue(withBasic.body().contains("one client authentication method"));
        assertRefusedForRsaClient(assertion, "client_secret", "x");
        assertRefusedForRsaClient(assertions.sign(rsa, JWSAlgorithm.RS256, rsaClient), "client_assertion_type", "urn:other");
        assertRefused(oauth.token(null, params("grant_type", "client_credentials", "client_id", rsaClient, "client_secret", "guess")));
        assertRefused(oauth.token(null, params("grant_type", "client_credentials", "client_id", rsaClient)));

        var secretApp = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Secret", AuthMethod.CLIENT_SECRET_BASIC));
        String secretClient = secretApp.app().clientId();
        HttpResponse<String> res = oauth.token(null, params("grant_type", "refresh_token", "refresh_token", "x",
                "client_assertion_type", ClientAssertion.TYPE, "client_assertion", assertions.sign(rsa, JWSAlgorithm.RS256, secretClient)));
        assertRefused(res);
        assertTrue(res.body().contains("client_secret_basic"));
    }

    @Test
    void refreshGrantOfAUserAuthorizedAppWithAnAssertion() {
        var tokens = new UserTokens(server.portcullis());
        var settings = new AppSettings("Signed web app", "", Optional.empty(), true, AuthMethod.PRIVATE_KEY_JWT,
                EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), List.of("offline_access", "task:read"), List.of(),
                dev.portcullis.apps.AccessTokenFormat.OPAQUE, new dev.portcullis.apps.Lifetime.Default(), "RS256", false,
                new ClientKeys(Optional.of(new JWKSet(rsa).toPublicJWKSet().toString()), Optional.empty(), Optional.of("RS256")));
        var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        assertTrue(created.clientSecret().isEmpty());
        var client = new UserTokens.Client(created.app(), null);
        var issued = tokens.issue(tokens.member("Ada Lovelace"), client, "offline_access", "task:read");
        HttpResponse<String> res = oauth.token(null, params("grant_type", "refresh_token", "refresh_token",
                issued.refreshToken().orElseThrow(), "client_assertion_type", ClientAssertion.TYPE,
                "client_assertion", assertions.sign(rsa, JWSAlgorithm.RS256, client.id())));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(json(res).has("refresh_token"));
    }

    @Test
    void clientIdMetadataDocumentWithPrivateKeyJwt() {
        ECKey ec = key(new ECKeyGenerator(Curve.P_256).keyID("doc"));
        String base = "http://127.0.0.1:" + web.getAddress().getPort() + "/" + db;
        String clientId = base + "/agent.json";
        served.put("/" + db + "/agent.jwks", new JWKSet(ec).toPublicJWKSet().toString());
        served.put("/" + db + "/agent.json", """
                {"client_id": "%s", "client_name": "Signed agent", "token_endpoint_auth_method": "private_key_jwt",
                 "jwks_uri": "%s", "grant_types": ["client_credentials"], "scope": "task:read"}""".formatted(clientId, base + "/agent.jwks"));
        HttpResponse<String> res = token(assertions.sign(ec, JWSAlgorithm.ES256, clientId), "client_id", clientId);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("task:read", json(res).get("scope").asText());
        assertRefused(token(assertions.sign(rsa, JWSAlgorithm.RS256, clientId), "client_id", clientId));
    }

    @Test
    void registrationRefusesPrivateKeysSecretJwtAndMissingKeys() throws Exception {
        RSAKey withPrivate = key(new RSAKeyGenerator(2048).keyID("leak"));
        assertMetadataRefused(registerRaw(Map.of("jwks", new JWKSet(withPrivate).toJSONObject(false))), "public keys only");
        assertMetadataRefused(registerRaw(Map.of("token_endpoint_auth_method", "client_secret_jwt")), "client_secret_jwt is not supported");
        assertMetadataRefused(registerRaw(Map.of()), "jwks or jwks_uri");
        assertMetadataRefused(registerRaw(Map.of("jwks", publicSet(rsa), "token_endpoint_auth_signing_alg", "HS256")), "RS256");
        assertMetadataRefused(registerRaw(Map.of("jwks_uri", "http://keys.example/jwks")), "https");
        assertMetadataRefused(registerRaw(Map.of("jwks", "not an object")), "JWK Set");
        assertMetadataRefused(registerRaw(Map.of("jwks", publicSet(rsa), "jwks_uri", "https://keys.example/jwks")), "not both");
    }

    static void assertMetadataRefused(HttpResponse<String> res, String reason) {
        assertEquals(400, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("invalid_client_metadata", body.get("error").asText());
        assertTrue(body.get("error_description").asText().contains(reason), body.toString());
        assertFalse(res.body().contains("\"d\""), "no key material echoed");
    }

    @SuppressWarnings("unchecked")
    static <K extends JWK> K key(Object generator) {
        try {
            return switch (generator) {
                case RSAKeyGenerator g -> (K) g.generate();
                case ECKeyGenerator g -> (K) g.generate();
                case OctetKeyPairGenerator g -> (K) g.generate();
                default -> throw new IllegalArgumentException();
            };
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

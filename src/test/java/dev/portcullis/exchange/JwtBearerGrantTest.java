package dev.portcullis.exchange;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 7523 §2.1 with ID-JAG: a test identity provider (a key in the test, its JWK Set inline or
 * served by a small local web server) signs assertions for a user and a client; Portcullis turns
 * them into access tokens for the user's workspace.
 */
@ParameterizedClass
@EnumSource(Db.class)
class JwtBearerGrantTest {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String IDP = "https://idp.example.com";
    static final String REMOTE_IDP = "https://remote-idp.example.com";
    static final String SCOPES = "task:read object_configuration:read record_permission:read user_management:read";

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens users;
    static MutableClock clock;
    static HttpServer web;
    static String issuer;
    static String operator;
    static RSAKey idpKey;
    static RSAKey remoteKey;

    UserTokens.Member member;
    UserTokens.Client agent;

    @BeforeParameterizedClassInvocation
    static void start(Db db) throws Exception {
        idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        remoteKey = new RSAKeyGenerator(2048).keyID("remote-1").generate();
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/idp.jwks", exchange -> {
            byte[] bytes = new JWKSet(remoteKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, bytes.length);
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
                "PORTCULLIS_SIGNUPS_PER_HOUR", TestServer.TEST_SIGNUPS_PER_HOUR)).withStorage(TestDatabases.fresh(db));
        server = TestServer.start(config, clock);
        oauth = new OAuthClient(server);
        users = new UserTokens(server.portcullis());
        operator = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
        web.stop(0);
    }

    @BeforeEach
    void setUp() {
        member = users.member("Grace");
        agent = bearerApp();
        trust(IDP, Map.of("jwks", new JWKSet(idpKey.toPublicJWK()).toJSONObject()), agent.id());
    }

    static UserTokens.Client bearerApp() {
        var settings = new AppSettings("Agent", "", Optional.empty(), true, AuthMethod.CLIENT_SECRET_BASIC,
                EnumSet.of(GrantType.JWT_BEARER), List.of(SCOPES.split(" ")), List.of(), AccessTokenFormat.OPAQUE,
                new Lifetime.Default(), "RS256", false);
        var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        return new UserTokens.Client(created.app(), created.clientSecret().orElseThrow());
    }

    /** Creates, or replaces, the trusted issuer {@code iss} with these keys, allowing these clients. */
    static void trust(String iss, Map<String, Object> keys, String... clients) {
        String id = iss.replaceAll("[^a-z]", "").substring(0, 10);
        Map<String, Object> body = new HashMap<>(keys);
        body.put("issuer", iss);
        body.put("allowed_client_ids", List.of(clients));
        var res = manage("PUT", "/trusted-issuers/" + id, body);
        if (res.statusCode() == 404) {
            body.put("id", id);
            res = manage("POST", "/trusted-issuers", body);
        }
        assertTrue(res.statusCode() == 200 || res.statusCode() == 201, res.body());
    }

    static HttpResponse<String> manage(String method, String path, Object body) {
        try {
            String json = body == null ? null : dev.portcullis.http.Json.MAPPER.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1" + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Authorization", "Bearer " + operator);
            if (json != null) b.header("Content-Type", "application/json");
            return server.send(b.build());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An ID-JAG for the member and the agent, as the draft's example; {@code changes} replace or (null) drop claims. */
    Map<String, Object> claims(Map<String, Object> changes) {
        Instant now = clock.instant();
        Map<String, Object> claims = new HashMap<>(Map.of("iss", IDP, "sub", "idp-" + member.user().id(), "aud", issuer,
                "client_id", agent.id(), "jti", UUID.randomUUID().toString(), "iat", now.getEpochSecond(),
                "exp", now.plusSeconds(300).getEpochSecond(), "scope", SCOPES, "email", member.user().email(),
                "email_verified", true));
        claims.putAll(changes);
        claims.values().removeIf(java.util.Objects::isNull);
        return claims;
    }

    static String sign(RSAKey key, JOSEObjectType typ, Map<String, Object> claims) {
        try {
            var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(typ).keyID(key.getKeyID()).build();
            var jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    String idJag(Map<String, Object> changes) {
        return sign(idpKey, AssertionVerifier.ID_JAG, claims(changes));
    }

    HttpResponse<String> present(UserTokens.Client client, String assertion, String... more) {
        Map<String, String> p = params("grant_type", JWT_BEARER, "assertion", assertion, "workspace", member.workspace().slug());
        p.putAll(params(more));
        return oauth.token(basic(client.id(), client.secret()), p);
    }

    static void assertError(HttpResponse<String> res, int status, String error) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(error, json(res).get("error").asText(), res.body());
    }

    @Test
    void idJagForAUserWithAVerifiedEmailGivesATokenForTheirWorkspace() {
        var res = present(agent, idJag(Map.of()));

        assertEquals(200, res.statusCode(), res.body());
        var body = json(res);
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(SCOPES, body.get("scope").asText());
        assertFalse(body.has("refresh_token"));
        String token = body.get("access_token").asText();
        assertEquals(200, oauth.getWithBearer("/v2/tasks", token).statusCode());
        var seen = json(oauth.post("/oauth2/introspect", basic(agent.id(), agent.secret()), form(params("token", token))));
        assertEquals(member.user().id(), seen.get("sub").asText());
        assertEquals(member.workspace().id(), seen.get("workspace_id").asText());
        assertTrue(users.connections().find(member.user().id(), agent.id(), member.workspace().id()).isPresent(),
                "the user and workspace admins see the connection and can revoke it");
    }

    @Test
    void idJagLinksTheSubjectSoALaterAssertionWithoutEmailFindsTheSameUser() {
        assertEquals(200, present(agent, idJag(Map.of())).statusCode());

        var res = present(agent, idJag(new HashMap<>(Map.of("scope", "task:read")) {{ put("email", null); }}));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("task:read", json(res).get("scope").asText());
    }

    @Test
    void idJagWhenEmailUnverifiedAndNoLinkThenInvalidGrant() {
        assertError(present(agent, idJag(Map.of("email_verified", false))), 400, "invalid_grant");
    }

    @Test
    void idJagWhenWorkspaceClaimNamesTheWorkspaceThenNoParameterIsNeeded() {
        var res = oauth.token(basic(agent.id(), agent.secret()), params("grant_type", JWT_BEARER,
                "assertion", idJag(Map.of("workspace", member.workspace().slug()))));

        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void idJagRecordsTokenIssuedByTheClientInTheAssertedWorkspace() {
        var res = oauth.token(basic(agent.id(), agent.secret()), params("grant_type", JWT_BEARER,
                "assertion", idJag(Map.of("workspace", member.workspace().slug()))));
        assertEquals(200, res.statusCode(), res.body());
        var issued = server.portcullis().core().events().page(EventQuery.newest(1).ofTypes(Set.of(EventType.TOKEN_ISSUED))
                .byActor(agent.id())).events();
        Event e = issued.getFirst();
        assertEquals(Actor.Kind.CLIENT, e.actor().kind());
        assertEquals(JWT_BEARER, e.data().get("grant_type"));
        assertEquals(java.util.Optional.of(member.workspace().id()), e.workspaceId());
        assertEquals("grant", e.target().orElseThrow().kind());
        assertFalse(server.portcullis().core().events().page(EventQuery.newest(200)).events().toString()
                .contains(OAuthClient.json(res).get("access_token").asText()));
    }

    @Test
    void idJagWhenUserIsNotAMemberOfTheWorkspaceThenInvalidGrant() {
        var other = users.member("Other");

        assertError(present(agent, idJag(Map.of()), "workspace", other.workspace().slug()), 400, "invalid_grant");
    }

    @Test
    void idJagWhenWrongAudienceThenInvalidGrant() {
        assertError(present(agent, idJag(Map.of("aud", "https://another-as.example.com"))), 400, "invalid_grant");
    }

    @Test
    void idJagWhenAudienceIsTheTokenEndpointThenInvalidGrantSinceIdJagNamesTheIssuer() {
        assertError(present(agent, idJag(Map.of("aud", issuer + "/oauth2/token"))), 400, "invalid_grant");
    }

    @Test
    void plainJwtBearerAssertionMayNameTheTokenEndpoint() {
        var res = present(agent, sign(idpKey, JOSEObjectType.JWT, claims(Map.of("aud", issuer + "/oauth2/token"))));

        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void idJagWhenJtiReplayedThenInvalidGrant() {
        String assertion = idJag(Map.of());
        assertEquals(200, present(agent, assertion).statusCode());

        var replay = present(agent, assertion);

        assertError(replay, 400, "invalid_grant");
        assertTrue(json(replay).get("error_description").asText().contains("jti"), replay.body());
    }

    @Test
    void idJagWhenIssuerUntrustedThenInvalidGrant() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();

        assertError(present(agent, sign(stranger, AssertionVerifier.ID_JAG, claims(Map.of("iss", "https://evil.example.com")))),
                400, "invalid_grant");
    }

    @Test
    void idJagWhenSignedByAnotherKeyThenInvalidGrant() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();

        assertError(present(agent, sign(stranger, AssertionVerifier.ID_JAG, claims(Map.of()))), 400, "invalid_grant");
    }

    @Test
    void idJagWhenExpiredThenInvalidGrant() {
        Instant past = clock.instant().minus(Duration.ofMinutes(10));

        assertError(present(agent, idJag(Map.of("iat", past.getEpochSecond(), "exp", past.plusSeconds(300).getEpochSecond()))),
                400, "invalid_grant");
    }

    @Test
    void idJagWhenExpiryTooFarAheadThenInvalidGrant() {
        assertError(present(agent, idJag(Map.of("exp", clock.instant().plus(Duration.ofDays(1)).getEpochSecond()))),
                400, "invalid_grant");
    }

    @Test
    void assertionWhenWrongTypThenInvalidGrant() {
        assertError(present(agent, sign(idpKey, new JOSEObjectType("at+jwt"), claims(Map.of()))), 400, "invalid_grant");
    }

    @Test
    void idJagWhenClientIdIsAnotherClientThenInvalidGrant() {
        var other = bearerApp();
        trust(IDP, Map.of("jwks", new JWKSet(idpKey.toPublicJWK()).toJSONObject()), agent.id(), other.id());

        assertError(present(other, idJag(Map.of())), 400, "invalid_grant");
    }

    @Test
    void idJagWithoutClientIdThenInvalidGrant() {
        assertError(present(agent, idJag(new HashMap<>() {{ put("client_id", null); }})), 400, "invalid_grant");
    }

    @Test
    void assertionWhenClientNotAllowedForTheIssuerThenUnauthorizedClient() {
        var other = bearerApp();

        assertError(present(other, sign(idpKey, AssertionVerifier.ID_JAG, claims(Map.of("client_id", other.id())))),
                400, "unauthorized_client");
    }

    @Test
    void idJagWhenScopeBeyondTheAssertionThenInvalidScope() {
        assertError(present(agent, idJag(Map.of("scope", "task:read")), "scope", "task:read user_management:read"),
                400, "invalid_scope");
    }

    @Test
    void idJagWhenGrantNotEnabledThenUnauthorizedClient() {
        var other = users.app("task:read");

        assertError(present(other, idJag(Map.of("client_id", other.id()))), 400, "unauthorized_client");
    }

    @Test
    void idJagFromIssuerWithJwksUriIsVerifiedWithTheFetchedKeys() {
        trust(REMOTE_IDP, Map.of("jwks_uri", "http://127.0.0.1:" + web.getAddress().getPort() + "/idp.jwks"), agent.id());

        var res = present(agent, sign(remoteKey, AssertionVerifier.ID_JAG, claims(Map.of("iss", REMOTE_IDP,
                "sub", "remote-" + member.user().id()))));

        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void garbageAssertionThenInvalidGrant() {
        assertError(present(agent, "not-a-jwt"), 400, "invalid_grant");
    }

    @Test
    void trustedIssuerWithoutAllowedClientsIsRefusedByManage() {
        var res = manage("POST", "/trusted-issuers", Map.of("id", "noclients", "issuer", "https://x.example.com",
                "jwks", new JWKSet(idpKey.toPublicJWK()).toJSONObject()));

        assertEquals(400, res.statusCode(), res.body());
        assertTrue(res.body().contains("allowed_client_ids"), res.body());
    }

    @Test
    void trustedIssuerWithPrivateKeyIsRefusedByManage() {
        var res = manage("POST", "/trusted-issuers", Map.of("id", "private", "issuer", "https://p.example.com",
                "jwks", new JWKSet(idpKey).toJSONObject(false), "allowed_client_ids", List.of(agent.id())));

        assertEquals(400, res.statusCode(), res.body());
        assertFalse(res.body().contains("\"d\""), res.body());
    }

    @Test
    void trustedIssuersAreListedReadAndDeletedByManage() {
        var list = manage("GET", "/trusted-issuers", null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains(IDP), list.body());
        String id = IDP.replaceAll("[^a-z]", "").substring(0, 10);
        assertEquals(agent.id(), json(manage("GET", "/trusted-issuers/" + id, null)).get("allowed_client_ids").get(0).asText());

        assertEquals(204, manage("DELETE", "/trusted-issuers/" + id, null).statusCode());

        assertEquals(404, manage("GET", "/trusted-issuers/" + id, null).statusCode());
        assertError(present(agent, idJag(Map.of())), 400, "invalid_grant");
    }

    @Test
    void exchangeTargetsAreSetAndReadByManage() {
        String api = issuer + "/v2";
        var put = manage("PUT", "/apps/" + agent.id() + "/token-exchange-targets", Map.of("resources", List.of(api)));
        assertEquals(200, put.statusCode(), put.body());

        assertEquals(api, json(manage("GET", "/apps/" + agent.id() + "/token-exchange-targets", null)).get("resources").get(0).asText());
        var unknown = manage("PUT", "/apps/" + agent.id() + "/token-exchange-targets",
                Map.of("resources", List.of("https://unknown.example.com")));
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals(404, manage("GET", "/apps/nope/token-exchange-targets", null).statusCode());
    }

    @Test
    void discoveryListsTokenExchangeAndJwtBearer() {
        var grants = json(server.get("/.well-known/oauth-authorization-server")).get("grant_types_supported").toString();

        assertTrue(grants.contains(JWT_BEARER), grants);
        assertTrue(grants.contains("urn:ietf:params:oauth:grant-type:token-exchange"), grants);
    }

    static dev.portcullis.manage.SetupImport setupImport() {
        var core = server.portcullis().core();
        return new dev.portcullis.manage.SetupImport(core.database(), core.identity(), core.provisioning(), core.apps(),
                core.apiKeys(), core.resources(), core.scopeCheck(), core.ids(), core.upstreamProviders(),
                dev.portcullis.ExchangeWiring.of(core).setupImport(), core.events(), core.webhooks());
    }

    @Test
    void setupFileTrustsIssuersAndSetsExchangeTargetsIdempotently() throws Exception {
        String file = """
                {"resources": [{"uri": "https://tools.example.com/mcp", "name": "Tools", "scopes": ["task:read"]}],
                 "trusted_issuers": [{"id": "okta", "issuer": "https://acme.okta.com",
                                      "jwks": %s, "allowed_client_ids": ["%s"]}],
                 "token_exchange_targets": [{"client_id": "%s", "resources": ["https://tools.example.com/mcp", "%s/v2"]}]}
                """.formatted(new JWKSet(idpKey.toPublicJWK()).toString(), agent.id(), agent.id(), issuer);

        var first = dev.portcullis.http.Json.MAPPER.valueToTree(setupImport().run(file));
        var second = dev.portcullis.http.Json.MAPPER.valueToTree(setupImport().run(file));

        assertEquals("okta", first.get("created").get("trusted_issuers").get(0).get("id").asText(), first.toString());
        assertEquals("okta", second.get("updated").get("trusted_issuers").get(0).get("id").asText(), second.toString());
        assertEquals(1, json(manage("GET", "/trusted-issuers", null)).get("data").findValues("issuer").stream()
                .filter(n -> n.asText().equals("https://acme.okta.com")).count());
        assertEquals(2, json(manage("GET", "/apps/" + agent.id() + "/token-exchange-targets", null)).get("resources").size());
    }

    @Test
    void setupFileWithAnUnknownExchangeTargetIsRefusedWithItsPathAndAppliesNothing() {
        String file = """
                {"trusted_issuers": [{"id": "never", "issuer": "https://never.example.com",
                                      "jwks_uri": "https://never.example.com/jwks", "allowed_client_ids": ["%s"]}],
                 "token_exchange_targets": [{"client_id": "%s", "resources": ["https://unknown.example.com"]}]}
                """.formatted(agent.id(), agent.id());

        var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.portcullis.error.OAuthException.class,
                () -> setupImport().run(file));

        assertEquals(new dev.portcullis.error.Failure.Validation("$.token_exchange_targets[0].resources[0]",
                "is not the built-in API or a registered resource"), refused.error());
        assertEquals(404, manage("GET", "/trusted-issuers/never", null).statusCode());
    }
}

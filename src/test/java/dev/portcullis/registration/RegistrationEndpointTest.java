package dev.portcullis.registration;

import static dev.portcullis.registration.RegistrationFixture.field;
import static dev.portcullis.registration.RegistrationFixture.register;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.portcullis.apps.App;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 7591 registration and RFC 7592 management over HTTP, on both databases. */
@ParameterizedClass
@EnumSource(Db.class)
class RegistrationEndpointTest {
    static final String MCP_CLIENT = """
            {"client_name": "Claude", "redirect_uris": ["http://127.0.0.1:33418/callback"],
             "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"],
             "response_types": ["code"], "scope": "openid task:read offline_access",
             "software_id": "unknown metadata is ignored", "x_unknown": 42}""";

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(RegistrationFixture.config(db, "PORTCULLIS_REGISTRATIONS_PER_HOUR", "1000"));
        oauth = new OAuthClient(server);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void publicClientRegistersThenNimbusReadsTheResponseAndOnlyTheTokenHashIsStored() throws Exception {
        HttpResponse<String> res = register(server, null, MCP_CLIENT);
        assertEquals(201, res.statusCode(), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElseThrow());
        ClientInformation info = ClientInformation.parse(JSONObjectUtils.parse(res.body()));
        String clientId = info.getID().getValue();
        assertNull(info.getSecret(), "a public client has no secret");
        assertEquals(ClientAuthenticationMethod.NONE, info.getMetadata().getTokenEndpointAuthMethod());
        assertEquals(Set.of(URI.create("http://127.0.0.1:33418/callback")), info.getMetadata().getRedirectionURIs());
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), info.getMetadata().getGrantTypes());
        assertEquals("openid task:read offline_access", info.getMetadata().getScope().toString());
        assertEquals(URI.create("http://localhost:8080/oauth2/register/" + clientId), info.getRegistrationURI());
        String token = info.getRegistrationAccessToken().getValue();
        assertTrue(token.startsWith("pc_reg_"));
        assertNotNull(info.getIDIssueDate());
        assertFalse(res.body().contains("software_id"), "unknown metadata is not echoed as registered");

        App app = server.portcullis().apps().find(clientId).orElseThrow();
        assertTrue(app.selfRegistered());
        assertEquals(ClientType.PUBLIC, app.clientType());
        assertTrue(app.ownerUserId().isEmpty());
        String stored = server.portcullis().database().read(tx -> tx.queryOne(
                "SELECT registration_token_hash FROM apps WHERE id = ?", r -> r.text("registration_token_hash"), clientId))
                .orElseThrow();
        assertEquals(SecretHash.of(token).hex(), stored);
    }

    @Test
    void confidentialClientRegistersThenGetsAClientCredentialsToken() throws Exception {
        HttpResponse<String> res = register(server, null, """
                {"client_name": "Nightly sync", "token_endpoint_auth_method": "client_secret_basic",
                 "grant_types": ["client_credentials"], "response_types": [], "scope": "task:read note:read"}""");
        assertEquals(201, res.statusCode(), res.body());
        String clientId = field(res, "client_id");
        String secret = field(res, "client_secret");
        assertTrue(secret.startsWith("pc_secret_"));
        assertEquals("0", field(res, "client_secret_expires_at"));
        HttpResponse<String> token = oauth.token(basic(clientId, secret), params("grant_type", "client_credentials"));
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("task:read note:read", field(token, "scope"));
    }

    @Test
    void withoutScopeAClientGetsSignInRefreshAndReadScopesButNoWrites() throws Exception {
        HttpResponse<String> res = register(server, null, """
                {"redirect_uris": ["https://app.example.com/cb"], "token_endpoint_auth_method": "client_secret_post"}""");
        assertEquals(201, res.statusCode(), res.body());
        List<String> scopes = List.of(field(res, "scope").split(" "));
        assertTrue(scopes.containsAll(List.of("openid", "profile", "email", "offline_access", "task:read", "note:read")), scopes.toString());
        assertTrue(scopes.stream().noneMatch(s -> s.endsWith(":read-write")), scopes.toString());
        assertFalse(scopes.contains("webhook:read"), "not self-registrable in the catalogue");
        assertEquals("[\"authorization_code\"]", Json.MAPPER.readTree(res.body()).get("grant_types").toString(),
                "RFC 7591 §2 default");
        assertEquals("Self-registered client", field(res, "client_name"));
    }

    @Test
    void readUpdateDeleteWithTheRegistrationAccessToken() throws Exception {
        HttpResponse<String> created = register(server, null, MCP_CLIENT);
        String clientId = field(created, "client_id");
        String token = field(created, "registration_access_token");

        HttpResponse<String> read = manage("GET", clientId, token, null);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("Claude", field(read, "client_name"));
        assertEquals(token, field(read, "registration_access_token"));

        HttpResponse<String> updated = manage("PUT", clientId, token, """
                {"client_id": "%s", "client_name": "Claude Desktop", "redirect_uris": ["http://127.0.0.1/cb2"],
                 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], "scope": "task:read"}"""
                .formatted(clientId));
        assertEquals(200, updated.statusCode(), updated.body());
        App app = server.portcullis().apps().find(clientId).orElseThrow();
        assertEquals("Claude Desktop", app.name());
        assertEquals(List.of("task:read"), app.scopes());
        assertEquals("http://127.0.0.1/cb2", app.redirectUris().getFirst().value());

        assertEquals(204, manage("DELETE", clientId, token, null).statusCode());
        assertTrue(server.portcullis().apps().find(clientId).isEmpty());
        assertEquals(401, manage("GET", clientId, token, null).statusCode(), "the token died with its client");
    }

    @Test
    void wrongMissingOrForeignRegistrationTokenThenInvalidTokenAndNothingLeaks() throws Exception {
        String clientId = field(register(server, null, MCP_CLIENT), "client_id");
        String otherToken = field(register(server, null, MCP_CLIENT), "registration_access_token");
        String forged = dev.portcullis.secrets.Token.mint(dev.portcullis.secrets.TokenKind.REGISTRATION_TOKEN,
                new java.security.SecureRandom()).value();

        HttpResponse<String> foreign = manage("GET", clientId, otherToken, null);
        HttpResponse<String> unknownClient = manage("GET", "no-such-client", forged, null);
        for (HttpResponse<String> res : List.of(foreign, unknownClient, manage("GET", clientId, null, null),
                manage("GET", clientId, "pc_reg_malformed", null), manage("DELETE", clientId, forged, null),
                manage("PUT", clientId, otherToken, "{\"client_id\": \"" + clientId + "\"}"))) {
            assertEquals(401, res.statusCode(), res.body());
            assertEquals("invalid_token", field(res, "error"));
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        }
        assertEquals(foreign.body(), unknownClient.body(), "an unknown client reads like a wrong token");
        assertTrue(server.portcullis().apps().find(clientId).isPresent(), "a refused DELETE deletes nothing");
    }

    @Test
    void updateCannotSwitchClientTypeOrPickASecret() {
        HttpResponse<String> created = register(server, null, MCP_CLIENT);
        String clientId = field(created, "client_id");
        String token = field(created, "registration_access_token");
        HttpResponse<String> toConfidential = manage("PUT", clientId, token, """
                {"client_id": "%s", "redirect_uris": ["http://127.0.0.1/cb"], "token_endpoint_auth_method": "client_secret_basic"}"""
                .formatted(clientId));
        assertEquals(400, toConfidential.statusCode());
        assertEquals("invalid_client_metadata", field(toConfidential, "error"));
        HttpResponse<String> chosenSecret = manage("PUT", clientId, token, """
                {"client_id": "%s", "client_secret": "mine", "redirect_uris": ["http://127.0.0.1/cb"], "token_endpoint_auth_method": "none"}"""
                .formatted(clientId));
        assertEquals("invalid_client_metadata", field(chosenSecret, "error"));
        HttpResponse<String> otherId = manage("PUT", clientId, token, """
                {"client_id": "someone-else", "redirect_uris": ["http://127.0.0.1/cb"], "token_endpoint_auth_method": "none"}""");
        assertEquals("invalid_client_metadata", field(otherId, "error"));
        assertEquals(ClientType.PUBLIC, server.portcullis().apps().find(clientId).orElseThrow().clientType());
    }

    @Test
    void badRedirectUrisThenInvalidRedirectUri() {
        for (String uri : List.of("http://app.example.com/cb", "https://app.example.com/cb#frag", "https://*.example.com/cb",
                "javascript:alert(1)", "/relative", "http://user:pass@127.0.0.1/cb", "http://127.0.0.1:99999/cb")) {
            HttpResponse<String> res = register(server, null,
                    "{\"redirect_uris\": [\"" + uri + "\"], \"token_endpoint_auth_method\": \"none\"}");
            assertEquals(400, res.statusCode(), uri);
            assertEquals("invalid_redirect_uri", field(res, "error"), uri);
            assertEquals(400, Integer.parseInt(field(res, "status_code")));
        }
        HttpResponse<String> missing = register(server, null, "{\"token_endpoint_auth_method\": \"none\"}");
        assertEquals("invalid_redirect_uri", field(missing, "error"));
    }

    @Test
    void badMetadataThenInvalidClientMetadataAndNothingStored() {
        long before = RegistrationFixture.appCount(server);
        for (String json : List.of(
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"token_endpoint_auth_method\": \"private_key_jwt\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"token_endpoint_auth_method\": \"tls_client_auth\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"token_endpoint_auth_method\": \"none\", \"scope\": \"webhook:read\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"token_endpoint_auth_method\": \"none\", \"scope\": \"no-such-scope\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"token_endpoint_auth_method\": \"none\", \"grant_types\": [\"client_credentials\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"grant_types\": [\"password\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"response_types\": [\"token\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"response_types\": [\"code id_token\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"access_token_format\": \"paseto\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"access_token_format\": 42}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"subject_type\": 7}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"logo_uri\": \"http://a.example/logo.png\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"client_uri\": \"javascript:alert(1)\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"id_token_signed_response_alg\": \"none\"}",
                "{\"redirect_uris\": \"https://a.example/cb\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"client_name\": \"" + "x".repeat(101) + "\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"client_name\": \"\\u202Eelgoog\"}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"client_name\": \"\\ud800\"}",
                "[1, 2]",
                "not json")) {
            HttpResponse<String> res = register(server, null, json);
            assertEquals(400, res.statusCode(), json);
            assertEquals("invalid_client_metadata", field(res, "error"), json);
        }
        assertEquals(before, RegistrationFixture.appCount(server));
    }

    @Test
    void policyTosAndClientUrisAreStoredEchoedAndReplacedByUpdate() throws Exception {
        HttpResponse<String> res = register(server, null, """
                {"client_name": "Branded", "redirect_uris": ["https://rp.example/cb"], "token_endpoint_auth_method": "none",
                 "logo_uri": "https://rp.example/logo.png", "policy_uri": "https://rp.example/privacy",
                 "tos_uri": "https://rp.example/terms", "client_uri": "https://rp.example/"}""");
        assertEquals(201, res.statusCode(), res.body());
        assertEquals("https://rp.example/privacy", field(res, "policy_uri"));
        assertEquals("https://rp.example/terms", field(res, "tos_uri"));
        assertEquals("https://rp.example/", field(res, "client_uri"));
        assertEquals("https://rp.example/",
                server.portcullis().apps().find(field(res, "client_id")).orElseThrow().settings().clientUrl().orElseThrow());
        String clientId = field(res, "client_id");
        var settings = server.portcullis().apps().find(clientId).orElseThrow().settings();
        assertEquals("https://rp.example/privacy", settings.policyUrl().orElseThrow());
        assertEquals("https://rp.example/terms", settings.tosUrl().orElseThrow());

        HttpResponse<String> updated = manage("PUT", clientId, field(res, "registration_access_token"), """
                {"client_id": "%s", "client_name": "Branded", "redirect_uris": ["https://rp.example/cb"],
                 "token_endpoint_auth_method": "none", "tos_uri": "https://rp.example/terms-v2"}""".formatted(clientId));
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("https://rp.example/terms-v2", field(updated, "tos_uri"));
        assertNull(field(updated, "policy_uri"), "RFC 7592 §2.2: a field left out of the update is removed");
        assertNull(field(updated, "client_uri"), "RFC 7592 §2.2: a field left out of the update is removed");
    }

    @Test
    void nonHttpsPolicyTosOrClientUriThenInvalidClientMetadataNamingTheFieldAndNothingStored() {
        long before = RegistrationFixture.appCount(server);
        for (String field : List.of("policy_uri", "tos_uri", "client_uri")) {
            for (String value : List.of("\"http://rp.example/x\"", "\"javascript:alert(1)\"", "\"https://\"", "42",
                    "\"data:text/html,<script>alert(1)</script>\"", "\"http://localhost/x\"", "\"JavaScript://rp.example/%0aalert(1)\"")) {
                HttpResponse<String> res = register(server, null, """
                        {"redirect_uris": ["https://rp.example/cb"], "%s": %s}""".formatted(field, value));
                assertEquals(400, res.statusCode(), field + " " + value);
                assertEquals("invalid_client_metadata", field(res, "error"));
                assertTrue(field(res, "error_description").startsWith(field + " must be"), res.body());
            }
        }
        assertEquals(before, RegistrationFixture.appCount(server));
    }

    @Test
    void accessTokenFormatJwtIsRegisteredEchoedAndGivesJwtAccessTokens() throws Exception {
        HttpResponse<String> res = register(server, null, """
                {"client_name": "Signed tokens", "token_endpoint_auth_method": "client_secret_basic",
                 "grant_types": ["client_credentials"], "scope": "task:read", "access_token_format": "jwt"}""");
        assertEquals(201, res.statusCode(), res.body());
        assertEquals("jwt", field(res, "access_token_format"));
        HttpResponse<String> token = oauth.token(basic(field(res, "client_id"), field(res, "client_secret")),
                params("grant_type", "client_credentials"));
        assertEquals(200, token.statusCode(), token.body());
        var jwt = com.nimbusds.jwt.SignedJWT.parse(field(token, "access_token"));
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals("opaque", field(register(server, null, MCP_CLIENT), "access_token_format"), "opaque unless asked");
    }

    @Test
    void userinfoSignedResponseAlgOtherThanOurSigningAlgsThenInvalidClientMetadataNamingItAndNothingStoredOrChanged() throws Exception {
        long before = RegistrationFixture.appCount(server);
        for (String alg : List.of("\"none\"", "\"HS256\"", "\"XYZ\"", "\"rs256\"", "\"\"", "256")) {
            String json = "{\"redirect_uris\": [\"https://a.example/cb\"], \"userinfo_signed_response_alg\": " + alg + "}";
            HttpResponse<String> res = register(server, null, json);
            assertEquals(400, res.statusCode(), json);
            assertEquals("invalid_client_metadata", field(res, "error"), json);
            assertTrue(field(res, "error_description").contains("userinfo_signed_response_alg"), res.body());
        }
        assertEquals(before, RegistrationFixture.appCount(server));

        HttpResponse<String> created = register(server, null, """
                {"redirect_uris": ["https://a.example/cb"], "userinfo_signed_response_alg": "ES256"}""");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("ES256", field(created, "userinfo_signed_response_alg"));
        String clientId = field(created, "client_id");
        HttpResponse<String> refused = manage("PUT", clientId, field(created, "registration_access_token"), """
                {"client_id": "%s", "redirect_uris": ["https://a.example/cb"], "userinfo_signed_response_alg": "none"}"""
                .formatted(clientId));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(field(refused, "error_description").contains("userinfo_signed_response_alg"), refused.body());
        assertEquals(java.util.Optional.of("ES256"), server.portcullis().apps().find(clientId).orElseThrow().userinfoAlg(),
                "a refused update changes nothing");
        assertNull(field(register(server, null, "{\"redirect_uris\": [\"https://a.example/cb\"]}"), "userinfo_signed_response_alg"),
                "absent by default: plain JSON UserInfo");
    }

    @Test
    void resourceServerCannotBeSelfRegisteredNorSetByUpdate() {
        long before = RegistrationFixture.appCount(server);
        for (String value : List.of("true", "\"yes\"", "1")) {
            HttpResponse<String> res = register(server, null, """
                    {"redirect_uris": ["https://rs.example/cb"], "resource_server": %s}""".formatted(value));
            assertEquals(400, res.statusCode(), value);
            assertEquals("invalid_client_metadata", field(res, "error"));
            assertTrue(field(res, "error_description").contains("resource_server"), res.body());
        }
        assertEquals(before, RegistrationFixture.appCount(server), "nothing stored");

        HttpResponse<String> plain = register(server, null, """
                {"redirect_uris": ["https://rs.example/cb"], "resource_server": false}""");
        assertEquals(201, plain.statusCode(), "false is what every self-registered client is");
        String clientId = field(plain, "client_id");
        HttpResponse<String> update = manage("PUT", clientId, field(plain, "registration_access_token"), """
                {"client_id": "%s", "redirect_uris": ["https://rs.example/cb"], "resource_server": true}""".formatted(clientId));
        assertEquals(400, update.statusCode());
        assertEquals("invalid_client_metadata", field(update, "error"));
        assertFalse(server.portcullis().apps().find(clientId).orElseThrow().settings().resourceServer());
    }

    @Test
    void implicitGrantAndIdTokenResponseTypesAreRefusedUnlessTheOperatorAllowsThem() {
        long before = RegistrationFixture.appCount(server);
        for (String json : List.of(
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"grant_types\": [\"implicit\"], \"response_types\": [\"id_token\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"grant_types\": [\"implicit\"], \"response_types\": [\"id_token token\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"grant_types\": [\"authorization_code\", \"implicit\"]}")) {
            HttpResponse<String> res = register(server, null, json);
            assertEquals(400, res.statusCode(), json);
            assertEquals("invalid_client_metadata", field(res, "error"), json);
            assertTrue(field(res, "error_description").contains("RFC 9700"), res.body());
        }
        HttpResponse<String> idTokenAlone = register(server, null,
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"response_types\": [\"id_token\"]}");
        assertEquals("invalid_client_metadata", field(idTokenAlone, "error"));
        assertTrue(field(idTokenAlone, "error_description").contains("need grant_types implicit"), idTokenAlone.body());
        assertEquals(before, RegistrationFixture.appCount(server));
    }

    @Test
    void responseTypesMustAgreeWithGrantTypes() throws Exception {
        for (String json : List.of(
                "{\"grant_types\": [\"client_credentials\"], \"response_types\": [\"code\"]}",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"grant_types\": [\"authorization_code\"], \"response_types\": []}")) {
            HttpResponse<String> res = register(server, null, json);
            assertEquals(400, res.statusCode(), json);
            assertEquals("invalid_client_metadata", field(res, "error"), json);
        }
        HttpResponse<String> worker = register(server, null, "{\"grant_types\": [\"client_credentials\"]}");
        assertEquals(201, worker.statusCode(), worker.body());
        assertEquals("[]", Json.MAPPER.readTree(worker.body()).get("response_types").toString(), "no redirect-based grant");
        assertEquals("[\"code\"]", Json.MAPPER.readTree(register(server, null, MCP_CLIENT).body()).get("response_types").toString());
    }

    @Test
    void pairwiseSubjectsOrASectorIdentifierAreRefusedNamingTheFieldAndPublicIsAccepted() throws Exception {
        long before = RegistrationFixture.appCount(server);
        Map<String, String> refused = Map.of(
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"subject_type\": \"pairwise\"}", "subject_type",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"sector_identifier_uri\": \"https://a.example/sector.json\"}",
                "sector_identifier_uri");
        for (var entry : refused.entrySet()) {
            HttpResponse<String> res = register(server, null, entry.getKey());
            assertEquals(400, res.statusCode(), entry.getKey());
            assertEquals("invalid_client_metadata", field(res, "error"));
            assertTrue(field(res, "error_description").startsWith(entry.getValue()), res.body());
        }
        assertEquals(before, RegistrationFixture.appCount(server));
        HttpResponse<String> publicSubjects = register(server, null,
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"subject_type\": \"public\"}");
        assertEquals(201, publicSubjects.statusCode(), publicSubjects.body());
        assertEquals("public", field(publicSubjects, "subject_type"));
        var discovery = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertEquals("[\"public\"]", discovery.get("subject_types_supported").toString());
    }

    @Test
    void moreThanTwentyRedirectUrisThenInvalidClientMetadata() {
        String uris = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "\"https://a.example/cb" + i + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        HttpResponse<String> res = register(server, null, "{\"redirect_uris\": [" + uris + "]}");
        assertEquals(400, res.statusCode());
        assertEquals("invalid_client_metadata", field(res, "error"));
        String twenty = uris.substring(0, uris.lastIndexOf(", "));
        assertEquals(201, register(server, null, "{\"redirect_uris\": [" + twenty + "]}").statusCode());
    }

    @Test
    void formBodyThenInvalidRequest() {
        HttpResponse<String> res = server.post("/oauth2/register", "application/x-www-form-urlencoded", "client_name=x");
        assertEquals(400, res.statusCode());
        assertEquals("invalid_request", field(res, "error"));
    }

    private static HttpResponse<String> manage(String method, String clientId, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/oauth2/register/" + clientId))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return server.send(b.build());
    }
}

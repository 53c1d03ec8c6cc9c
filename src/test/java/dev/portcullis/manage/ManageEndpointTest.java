package dev.portcullis.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** /manage/v1 over real HTTP, on both databases. */
class ManageEndpointTest {

    private record Api(TestServer server, String token) implements AutoCloseable {
        static Api start(Db db) {
            TestServer server = TestServer.start(db);
            return new Api(server, server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret());
        }

        HttpResponse<String> call(String method, String path, String json) {
            return callAs("Bearer " + token, method, path, json);
        }

        HttpResponse<String> callAs(String authorization, String method, String path, String json) {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1" + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) b.header("Content-Type", "application/json");
            if (authorization != null) b.header("Authorization", authorization);
            return server.send(b.build());
        }

        JsonNode ok(int status, String method, String path, String json) {
            HttpResponse<String> res = call(method, path, json);
            assertEquals(status, res.statusCode(), res.body());
            return res.body().isEmpty() ? null : parse(res);
        }

        /** A user who admins a new workspace; returns the workspace id. */
        String workspace(String slug) {
            ok(201, "POST", "/users", "{\"email\": \"" + slug + "@example.com\", \"name\": \"Admin\", \"password\": \"correct horse\"}");
            return ok(201, "POST", "/workspaces", "{\"slug\": \"" + slug + "\", \"name\": \"Acme\", \"admin_email\": \""
                    + slug + "@example.com\"}").get("id").asText();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void withoutValidOperatorTokenThen401AndNothingHappens(Db db) {
        try (Api api = Api.start(db)) {
            String body = "{\"email\": \"x@example.com\", \"name\": \"X\", \"password\": \"correct horse\"}";
            String forged = Token.mint(TokenKind.OPERATOR_TOKEN, new SecureRandom()).value();
            String apiKey = Token.mint(TokenKind.API_KEY, new SecureRandom()).value();
            for (String authorization : new String[] {null, "Bearer ", "Bearer " + forged, "Bearer " + apiKey,
                    "Basic " + api.token(), "Bearer " + api.token() + "x"}) {
                HttpResponse<String> res = api.callAs(authorization, "POST", "/users", body);
                assertEquals(401, res.statusCode(), String.valueOf(authorization));
                assertEquals("invalid_token", parse(res).get("code").asText());
                assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "));
                assertFalse(res.body().contains(api.token()));
            }
            assertEquals(401, api.callAs(null, "GET", "/no/such/route", null).statusCode());
            assertEquals(0L, (long) api.server().portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM users")));
            assertEquals(404, api.call("GET", "/no/such/route", null).statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void operatorManagesUsersWorkspacesAndMembers(Db db) {
        try (Api api = Api.start(db)) {
            String wsId = api.workspace("acme");
            JsonNode bob = api.ok(201, "POST", "/users", "{\"email\": \"Bob@Example.com\", \"name\": \"Bob\", \"password\": \"correct horse\"}");
            assertFalse(bob.has("password"));
            assertEquals("Bob", api.ok(200, "GET", "/users/" + bob.get("id").asText(), null).get("name").asText());
            assertEquals(bob.get("id"), api.ok(200, "GET", "/users?email=bob@example.com", null).get("id"));
            assertEquals(404, api.call("GET", "/users/nobody", null).statusCode());
            assertEquals(400, api.call("POST", "/users", "{\"email\": \"bob@example.com\", \"name\": \"B\", \"password\": \"correct horse\"}").statusCode());
            JsonNode created = api.ok(200, "GET", "/events?type=user.created", null).get("data");
            var bobs = new java.util.ArrayList<JsonNode>();
            created.forEach(e -> { if (e.get("target").get("id").asText().equals(bob.get("id").asText())) bobs.add(e); });
            assertEquals(1, bobs.size(), "one user.created for Bob, none for the refused duplicate: " + created);
            assertEquals("operator", bobs.getFirst().get("actor").get("type").asText());

            assertEquals("acme", api.ok(200, "GET", "/workspaces/" + wsId, null).get("slug").asText());
            String bobId = bob.get("id").asText();
            assertEquals("member", api.ok(201, "POST", "/workspaces/" + wsId + "/members",
                    "{\"email\": \"bob@example.com\", \"role\": \"member\"}").get("role").asText());
            api.ok(204, "PATCH", "/workspaces/" + wsId + "/members/" + bobId, "{\"role\": \"admin\"}");
            JsonNode members = api.ok(200, "GET", "/workspaces/" + wsId + "/members", null).get("data");
            assertEquals(2, members.size());
            assertEquals("admin", members.get(1).get("role").asText());
            api.ok(204, "DELETE", "/workspaces/" + wsId + "/members/" + bobId, null);
            String adaId = members.get(0).get("user_id").asText();
            assertEquals(409, api.call("DELETE", "/workspaces/" + wsId + "/members/" + adaId, null).statusCode(), "the last admin stays");
            assertEquals(404, api.call("POST", "/workspaces/nope/members", "{\"email\": \"bob@example.com\", \"role\": \"member\"}").statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void appCreationReturnsAWorkingSecretOnceAndRotationReplacesIt(Db db) {
        try (Api api = Api.start(db)) {
            api.workspace("acme");
            JsonNode app = api.ok(201, "POST", "/apps", """
                    {"name": "Taskr", "owner": "acme@example.com", "redirect_uris": ["https://taskr.example/cb"],
                     "scopes": ["openid", "task:read"], "token_endpoint_auth_method": "client_secret_post",
                     "grant_types": ["authorization_code", "refresh_token"]}""");
            String clientId = app.get("client_id").asText();
            String secret = app.get("client_secret").asText();
            var apps = api.server().portcullis().apps();
            assertTrue(apps.verifySecret(clientId, secret));
            assertFalse(apps.verifySecret(clientId, secret + "x"));
            assertEquals("client_secret_post", app.get("token_endpoint_auth_method").asText());

            JsonNode read = api.ok(200, "GET", "/apps/" + clientId, null);
            assertFalse(read.has("client_secret"), "shown once");
            assertEquals("https://taskr.example/cb", read.get("redirect_uris").get(0).asText());

            JsonNode patched = api.ok(200, "PATCH", "/apps/" + clientId, "{\"scopes\": [\"openid\"], \"name\": \"Taskr 2\"}");
            assertEquals("Taskr 2", patched.get("name").asText());
            assertEquals(1, patched.get("scopes").size());
            assertEquals(1, patched.get("redirect_uris").size(), "absent fields are kept");
            assertEquals("RS256", patched.get("id_token_signed_response_alg").asText());
            assertEquals("ES256", api.ok(200, "PATCH", "/apps/" + clientId, "{\"id_token_signed_response_alg\": \"ES256\"}")
                    .get("id_token_signed_response_alg").asText());

            String fresh = api.ok(201, "POST", "/apps/" + clientId + "/secrets", "{\"revoke_old_now\": true}").get("client_secret").asText();
            assertFalse(apps.verifySecret(clientId, secret));
            assertTrue(apps.verifySecret(clientId, fresh));
            String graceful = api.ok(201, "POST", "/apps/" + clientId + "/secrets", null).get("client_secret").asText();
            assertTrue(apps.verifySecret(clientId, fresh), "the old secret lives through the grace period");
            assertTrue(apps.verifySecret(clientId, graceful));

            api.ok(204, "DELETE", "/apps/" + clientId, null);
            assertEquals(404, api.call("GET", "/apps/" + clientId, null).statusCode());
            assertFalse(apps.verifySecret(clientId, graceful));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void privateKeyJwtAppsTakeJwksOrJwksUriAndNoSecret(Db db) throws Exception {
        try (Api api = Api.start(db)) {
            var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("m1").generate();
            String publicSet = new com.nimbusds.jose.jwk.JWKSet(key).toPublicJWKSet().toString();
            JsonNode app = api.ok(201, "POST", "/apps", """
                    {"name": "Signer", "token_endpoint_auth_method": "private_key_jwt", "grant_types": ["client_credentials"],
                     "jwks": %s, "token_endpoint_auth_signing_alg": "PS256"}""".formatted(publicSet));
            String clientId = app.get("client_id").asText();
            assertFalse(app.has("client_secret"), "a key-based app has no secret");
            assertEquals("m1", app.get("jwks").get("keys").get(0).get("kid").asText());
            assertEquals("PS256", app.get("token_endpoint_auth_signing_alg").asText());
            JsonNode moved = api.ok(200, "PATCH", "/apps/" + clientId, "{\"jwks_uri\": \"https://signer.example/jwks\"}");
            assertEquals("https://signer.example/jwks", moved.get("jwks_uri").asText());
            assertFalse(moved.has("jwks"), "jwks_uri replaces jwks");
            assertEquals("PS256", moved.get("token_endpoint_auth_signing_alg").asText(), "absent fields are kept");
            assertEquals(400, api.call("POST", "/apps/" + clientId + "/secrets", null).statusCode(), "no secret to rotate");
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"jwks_uri\": \"\"}"), "jwks", "jwks or jwks_uri");
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"jwks\": " + new com.nimbusds.jose.jwk.JWKSet(key).toString(false) + "}"),
                    "jwks", "public keys only");
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"token_endpoint_auth_signing_alg\": \"HS256\"}"),
                    "token_endpoint_auth_signing_alg", "RS256");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"token_endpoint_auth_method\": \"private_key_jwt\", "
                    + "\"jwks_uri\": \"https://a.example/j\", \"client_id\": \"signer-2\", "
                    + "\"client_secret\": \"at least 32 characters of secret ........\"}"), "client_secret", "no secret");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void assuranceFieldsAreSetShownAndAFapi2AppWithASecretIsRefusedNamingTheField(Db db) {
        try (Api api = Api.start(db)) {
            JsonNode app = api.ok(201, "POST", "/apps", "{\"name\": \"Strict\", \"require_pushed_authorization_requests\": true}");
            String clientId = app.get("client_id").asText();
            assertTrue(app.get("require_pushed_authorization_requests").asBoolean());
            assertFalse(app.get("dpop_bound_access_tokens").asBoolean());
            assertEquals("none", app.get("portcullis_security_profile").asText());
            assertTrue(api.ok(200, "PATCH", "/apps/" + clientId, "{\"name\": \"Renamed\"}")
                    .get("require_pushed_authorization_requests").asBoolean(), "absent fields are kept");
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"portcullis_security_profile\": \"fapi2\"}"),
                    "token_endpoint_auth_method", "private_key_jwt");
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"portcullis_security_profile\": \"fapi3\"}"),
                    "portcullis_security_profile", "none or fapi2");
            assertEquals("none", api.ok(200, "GET", "/apps/" + clientId, null).get("portcullis_security_profile").asText(),
                    "a refused change changes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void userinfoSignedResponseAlgIsSetShownKeptClearedAndCheckedNamingTheField(Db db) {
        try (Api api = Api.start(db)) {
            JsonNode app = api.ok(201, "POST", "/apps", "{\"name\": \"Signed RP\", \"userinfo_signed_response_alg\": \"ES256\"}");
            String clientId = app.get("client_id").asText();
            assertEquals("ES256", app.get("userinfo_signed_response_alg").asText());
            assertEquals("ES256", api.ok(200, "GET", "/apps/" + clientId, null).get("userinfo_signed_response_alg").asText());
            assertEquals("ES256", api.ok(200, "PATCH", "/apps/" + clientId, "{\"name\": \"Renamed\"}")
                    .get("userinfo_signed_response_alg").asText(), "absent fields are kept");
            for (String alg : new String[] {"none", "HS256", "XYZ"}) {
                assertField(api.call("PATCH", "/apps/" + clientId, "{\"userinfo_signed_response_alg\": \"" + alg + "\"}"),
                        "userinfo_signed_response_alg", "RS256, PS256, ES256 or EdDSA");
            }
            assertEquals("ES256", api.ok(200, "GET", "/apps/" + clientId, null).get("userinfo_signed_response_alg").asText(),
                    "a refused change changes nothing");
            JsonNode cleared = api.ok(200, "PATCH", "/apps/" + clientId, "{\"userinfo_signed_response_alg\": \"\"}");
            assertFalse(cleared.has("userinfo_signed_response_alg"), "\"\" clears it: plain JSON UserInfo");
            assertFalse(api.ok(201, "POST", "/apps", "{\"name\": \"Plain RP\"}").has("userinfo_signed_response_alg"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void policyAndTosUrisAreSetShownKeptClearedAndMustBeHttps(Db db) {
        try (Api api = Api.start(db)) {
            JsonNode app = api.ok(201, "POST", "/apps", "{\"name\": \"Branded\", \"policy_uri\": \"https://rp.example/privacy\", "
                    + "\"tos_uri\": \"https://rp.example/terms\"}");
            String clientId = app.get("client_id").asText();
            assertEquals("https://rp.example/privacy", app.get("policy_uri").asText());
            assertEquals("https://rp.example/terms", app.get("tos_uri").asText());
            JsonNode renamed = api.ok(200, "PATCH", "/apps/" + clientId, "{\"name\": \"Renamed\"}");
            assertEquals("https://rp.example/privacy", renamed.get("policy_uri").asText(), "absent fields are kept");
            assertEquals("https://rp.example/terms", api.ok(200, "GET", "/apps/" + clientId, null).get("tos_uri").asText());
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"policy_uri\": \"http://rp.example/privacy\"}"),
                    "policy_uri", "https");
            assertField(api.call("PATCH", "/apps/" + clientId, "{\"tos_uri\": \"javascript:alert(1)\"}"), "tos_uri", "https");
            assertEquals("https://rp.example/terms", api.ok(200, "GET", "/apps/" + clientId, null).get("tos_uri").asText(),
                    "a refused change changes nothing");
            JsonNode cleared = api.ok(200, "PATCH", "/apps/" + clientId, "{\"policy_uri\": \"\", \"tos_uri\": \"\"}");
            assertFalse(cleared.has("policy_uri"), "\"\" clears it");
            assertFalse(cleared.has("tos_uri"), "\"\" clears it");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void clientUriIsSetShownKeptClearedAndMustBeHttps(Db db) {
        try (Api api = Api.start(db)) {
            JsonNode app = api.ok(201, "POST", "/apps", "{\"name\": \"Home\", \"client_uri\": \"https://rp.example/\"}");
            String clientId = app.get("client_id").asText();
            assertEquals("https://rp.example/", app.get("client_uri").asText());
            assertEquals("https://rp.example/", api.ok(200, "PATCH", "/apps/" + clientId, "{\"name\": \"Renamed\"}")
                    .get("client_uri").asText(), "absent fields are kept");
            for (String bad : List.of("javascript:alert(1)", "data:text/html,hi", "http://rp.example/", "http://localhost/",
                    "https://")) {
                assertField(api.call("PATCH", "/apps/" + clientId, "{\"client_uri\": \"" + bad + "\"}"), "client_uri", "https");
                assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"client_uri\": \"" + bad + "\"}"), "client_uri", "https");
            }
            assertEquals("https://rp.example/", api.ok(200, "GET", "/apps/" + clientId, null).get("client_uri").asText(),
                    "a refused change changes nothing");
            assertFalse(api.ok(200, "PATCH", "/apps/" + clientId, "{\"client_uri\": \"\"}").has("client_uri"), "\"\" clears it");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void invalidBodiesAreRefusedNamingTheField(Db db) {
        try (Api api = Api.start(db)) {
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"redirect_uris\": [\"https://ok.example/cb\", \"http://evil.example/cb\"]}"),
                    "redirect_uris[1]", "https");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"colour\": \"red\"}"), "colour", "unknown field");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"scopes\": \"openid\"}"), "scopes", "array");
            assertField(api.call("POST", "/apps", "{\"name\": 42}"), "name", "string");
            assertField(api.call("POST", "/apps", "{\"name\": \"\\u202Eelgoog\"}"), "name", "text-direction");
            assertField(api.call("POST", "/users", "{\"email\": \"b@example.com\", \"name\": \"\\u202Eb\", \"password\": \"correct horse\"}"),
                    "name", "text-direction");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"token_endpoint_auth_method\": \"client_secret_jwt\"}"),
                    "token_endpoint_auth_method", "client_secret_basic");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"token_endpoint_auth_method\": \"private_key_jwt\"}"),
                    "jwks", "jwks or jwks_uri");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"grant_types\": [\"password\"]}"), "grant_types[0]", "authorization_code");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"id_token_signed_response_alg\": \"HS256\"}"),
                    "id_token_signed_response_alg", "ES256");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"scopes\": [\"a b\"]}"), "scopes[0]", "scope");
            assertField(api.call("POST", "/apps", "{\"name\": \"T\", \"client_id\": \"taskr\", \"client_secret\": \"short\"}"),
                    "client_secret", "32");
            assertField(api.call("POST", "/users", "{\"email\": \"a@example.com\", \"name\": \"A\", \"password\": \"short\"}"), "password", "8");
            assertField(api.call("POST", "/users", "{\"email\": \"a@example.com\", \"name\": \"A\", \"password\": \"password\"}"), "password", "too easy to guess");
            assertField(api.call("POST", "/resources", "{\"uri\": \"http://mcp.example.com/mcp\", \"name\": \"MCP\"}"), "uri", "https");
            HttpResponse<String> form = api.server().send(HttpRequest.newBuilder(api.server().uri("/manage/v1/users"))
                    .header("Authorization", "Bearer " + api.token()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=a@example.com")).build());
            assertEquals(400, form.statusCode());
            assertEquals(400, api.call("POST", "/apps", "").statusCode(), "an empty JSON body");
            String wsId = api.workspace("acme");
            assertField(api.call("POST", "/workspaces/" + wsId + "/api_keys", "{\"name\": \"k\", \"scopes\": [null]}"), "scopes[0]", "scope");
            HttpResponse<String> charset = api.server().send(HttpRequest.newBuilder(api.server().uri("/manage/v1/apps"))
                    .header("Authorization", "Bearer " + api.token()).header("Content-Type", "application/json; charset=foo")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": 42}")).build());
            assertField(charset, "name", "string");
            assertEquals(0L, (long) api.server().portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM apps")));
            assertEquals(0L, (long) api.server().portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM api_keys")));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void operatorManagesApiKeysAndTheKeyIsShownOnce(Db db) {
        try (Api api = Api.start(db)) {
            String wsId = api.workspace("acme");
            JsonNode created = api.ok(201, "POST", "/workspaces/" + wsId + "/api_keys",
                    "{\"name\": \"ci\", \"scopes\": [\"task:read\"], \"expires_at\": \"2099-01-01T00:00:00Z\"}");
            String key = created.get("key").asText();
            assertTrue(key.startsWith("sk_"));
            assertEquals("2099-01-01T00:00:00Z", created.get("expires_at").asText());
            String keyId = created.get("id").asText();

            JsonNode listed = api.ok(200, "GET", "/workspaces/" + wsId + "/api_keys", null).get("data");
            assertEquals(1, listed.size());
            assertFalse(listed.get(0).has("key"));
            assertFalse(listed.toString().contains(key));

            JsonNode patched = api.ok(200, "PATCH", "/workspaces/" + wsId + "/api_keys/" + keyId, "{\"scopes\": [\"task:read\", \"note:read\"]}");
            assertEquals("ci", patched.get("name").asText());
            assertEquals(2, patched.get("scopes").size());
            assertField(api.call("PATCH", "/workspaces/" + wsId + "/api_keys/" + keyId, "{\"scopes\": [\"\"]}"), "scopes[0]", "scope");
            assertField(api.call("POST", "/workspaces/" + wsId + "/api_keys", "{\"name\": \"x\", \"expires_at\": \"tomorrow\"}"),
                    "expires_at", "ISO-8601");

            String otherWs = api.workspace("other");
            assertEquals(404, api.call("DELETE", "/workspaces/" + otherWs + "/api_keys/" + keyId, null).statusCode());
            assertEquals(404, api.call("GET", "/workspaces/missing/api_keys", null).statusCode());
            api.ok(204, "DELETE", "/workspaces/" + wsId + "/api_keys/" + keyId, null);
            assertEquals(0, api.ok(200, "GET", "/workspaces/" + wsId + "/api_keys", null).get("data").size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void resourcesAreRegisteredOncePerUriAndListed(Db db) {
        try (Api api = Api.start(db)) {
            api.ok(201, "POST", "/resources", "{\"uri\": \"https://mcp.example.com/mcp\", \"name\": \"MCP\", \"scopes\": [\"task:read\"]}");
            JsonNode updated = api.ok(200, "POST", "/resources", "{\"uri\": \"https://mcp.example.com/mcp\", \"name\": \"Acme MCP\"}");
            assertEquals("Acme MCP", updated.get("name").asText());
            JsonNode listed = api.ok(200, "GET", "/resources", null).get("data");
            assertEquals(1, listed.size());
            assertEquals("Acme MCP", listed.get(0).get("name").asText());
        }
    }

    private static void assertField(HttpResponse<String> res, String field, String messagePart) {
        assertEquals(400, res.statusCode(), res.body());
        JsonNode body = parse(res);
        assertEquals(field, body.get("field").asText(), res.body());
        assertEquals("validation_type", body.get("code").asText());
        assertTrue(body.get("message").asText().contains(messagePart), res.body());
    }

    private static JsonNode parse(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + res.body(), e);
        }
    }
}

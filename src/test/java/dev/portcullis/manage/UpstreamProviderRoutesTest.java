package dev.portcullis.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Upstream providers in /manage/v1 and in the setup file, on both databases; the client secret is write-only. */
class UpstreamProviderRoutesTest {
    static final String SECRET = "upstream-client-secret-value";
    static final String GOOGLE = """
            {"id": "google", "name": "Google", "issuer": "https://accounts.google.com", "client_id": "abc.apps",
             "client_secret": "%s", "allowed_email_domains": ["Acme.com"]}""".formatted(SECRET);

    static HttpResponse<String> call(TestServer server, String token, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1" + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + token);
        if (json != null) b.header("Content-Type", "application/json");
        return server.send(b.build());
    }

    static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError(res.body(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createReadUpdateDeleteNeverReturnsOrStoresTheSecretInTheClear(Db db) {
        try (var server = TestServer.start(db)) {
            String token = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            var created = call(server, token, "POST", "/upstream-providers", GOOGLE);
            assertEquals(201, created.statusCode(), created.body());
            assertFalse(created.body().contains(SECRET));
            assertEquals("openid email profile", String.join(" ", Json.MAPPER.convertValue(json(created).get("scopes"), String[].class)));
            assertEquals("acme.com", json(created).get("allowed_email_domains").get(0).asText());
            String stored = server.portcullis().database().read(tx -> tx.queryOne(
                    "SELECT sealed_client_secret FROM upstream_providers WHERE id = ?", r -> r.text("sealed_client_secret"), "google")).orElseThrow();
            assertFalse(stored.contains(SECRET), "sealed, not stored in the clear");
            var list = call(server, token, "GET", "/upstream-providers", null);
            assertEquals(200, list.statusCode());
            assertFalse(list.body().contains(SECRET));
            assertEquals("google", json(list).get("data").get(0).get("id").asText());
            var patched = call(server, token, "PATCH", "/upstream-providers/google", "{\"name\": \"Google Workspace\"}");
            assertEquals(200, patched.statusCode(), patched.body());
            assertEquals("abc.apps", json(patched).get("client_id").asText());
            assertEquals("Google Workspace", json(call(server, token, "GET", "/upstream-providers/google", null)).get("name").asText());
            // The login page shows it, carrying return_to.
            var login = server.get("/login?return_to=%2Fworkspaces");
            assertTrue(login.body().contains("Sign in with Google Workspace"), login.body());
            assertTrue(login.body().contains("/login/upstream/google?return_to=%2Fworkspaces"), login.body());
            assertEquals(204, call(server, token, "DELETE", "/upstream-providers/google", null).statusCode());
            assertEquals(404, call(server, token, "GET", "/upstream-providers/google", null).statusCode());
            assertFalse(server.get("/login").body().contains("Sign in with Google"), "the button is gone");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void badProvidersAreRefusedNamingTheFieldAndNothingIsStored(Db db) {
        try (var server = TestServer.start(db)) {
            String token = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            Map<String, String> bad = Map.of(
                    "issuer", GOOGLE.replace("https://accounts.google.com", "http://accounts.example.com"),
                    "client_secret", GOOGLE.replace("\"client_secret\": \"" + SECRET + "\",", ""),
                    "id", GOOGLE.replace("\"google\"", "\"Not An Id\""),
                    "scopes", GOOGLE.replace("\"allowed_email_domains\": [\"Acme.com\"]", "\"scopes\": [\"email\"]"),
                    "auto_join.workspace", GOOGLE.replace("\"allowed_email_domains\": [\"Acme.com\"]",
                            "\"auto_join\": {\"email_domain\": \"acme.com\", \"workspace\": \"missing\"}"));
            bad.forEach((field, body) -> {
                var res = call(server, token, "POST", "/upstream-providers", body);
                assertEquals(400, res.statusCode(), field + ": " + res.body());
                assertTrue(res.body().contains(field), field + ": " + res.body());
                assertFalse(res.body().contains(SECRET));
            });
            assertEquals(0L, (long) server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM upstream_providers")));
            assertEquals(201, call(server, token, "POST", "/upstream-providers", GOOGLE).statusCode());
            assertEquals(409, call(server, token, "POST", "/upstream-providers", GOOGLE).statusCode());
            assertEquals(401, server.send(HttpRequest.newBuilder(server.uri("/manage/v1/upstream-providers")).GET().build()).statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void setupFileCreatesThenUpdatesByIdKeepingTheSecret(Db db) {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            var setup = new SetupImport(core.database(), core.identity(), core.provisioning(), core.apps(), core.apiKeys(),
                    core.resources(), core.scopeCheck(), core.ids(), core.upstreamProviders(),
                    dev.portcullis.ExchangeWiring.of(core).setupImport(), core.events(), core.webhooks());
            var first = setup.run("""
                    {"users": [{"email": "admin@acme.com", "name": "Admin", "password": "correct horse battery"}],
                     "workspaces": [{"slug": "acme", "name": "Acme", "members": [{"email": "admin@acme.com", "role": "admin"}]}],
                     "upstream_providers": [{"id": "okta", "name": "Okta", "issuer": "https://acme.okta.com", "client_id": "0oa1",
                       "client_secret": "s3cret-okta", "auto_join": {"email_domain": "acme.com", "workspace": "acme"}}]}""");
            assertTrue(first.toString().contains("okta"), first.toString());
            assertFalse(first.toString().contains("s3cret-okta"));
            setup.run("""
                    {"upstream_providers": [{"id": "okta", "name": "Okta SSO", "issuer": "https://acme.okta.com", "client_id": "0oa1"}]}""");
            var okta = core.upstreamProviders().find("okta").orElseThrow();
            assertEquals("Okta SSO", okta.name());
            assertEquals("acme", okta.autoJoin().orElseThrow().workspace());
            assertEquals("member", okta.autoJoin().orElseThrow().role().value());
            var missing = Assertions.assertThrows(OAuthException.class, () -> setup.run("""
                    {"upstream_providers": [{"id": "new", "name": "New", "issuer": "https://new.example.com", "client_id": "x"}]}"""));
            assertTrue(missing.error().description().contains("is required"), missing.error().toString());
            assertEquals(1, core.upstreamProviders().list().size());
        }
    }
}

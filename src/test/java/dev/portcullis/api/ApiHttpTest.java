package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.routes.ApiRoute;
import dev.portcullis.http.Json;
import dev.portcullis.scopes.Scope;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The /v2 API over real HTTP on both databases, with API keys inserted by the fixture. */
class ApiHttpTest {
    static final String TASK_SCOPES = "task:read object_configuration:read record_permission:read user_management:read";
    static final String TASK_WRITE_SCOPES = "task:read-write object_configuration:read record_permission:read user_management:read";
    static final String WEBHOOK = "{\"data\": {\"target_url\": \"https://93.184.215.14/in\", \"subscriptions\": [{\"event_type\": \"*\"}]}}";
    private static final Map<Db, TestServer> SERVERS = new EnumMap<>(Db.class);
    private static final AtomicInteger SLUGS = new AtomicInteger();

    static synchronized TestServer server(Db db) {
        return SERVERS.computeIfAbsent(db, TestServer::start);
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        SERVERS.clear();
    }

    static ApiKeyFixture fixture(Db db) {
        return new ApiKeyFixture(server(db).portcullis().database());
    }

    static ApiKeyFixture.Workspace workspace(Db db) {
        return fixture(db).workspace("ws" + SLUGS.incrementAndGet());
    }

    static HttpResponse<String> call(Db db, String method, String path, String token, String json) {
        var builder = HttpRequest.newBuilder(server(db).uri(path));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        if (json != null) builder.header("Content-Type", "application/json");
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return server(db).send(builder.build());
    }

    static JsonNode body(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + res.body(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void bearerAndBasicWithEmptyPasswordBothAuthenticate(Db db) {
        var key = fixture(db).apiKey(workspace(db), "object_configuration:read");
        assertEquals(200, call(db, "GET", "/v2/objects", key.secret(), null).statusCode());
        String basic = Base64.getEncoder().encodeToString((key.secret() + ":").getBytes(StandardCharsets.UTF_8));
        var res = server(db).send(HttpRequest.newBuilder(server(db).uri("/v2/objects")).header("Authorization", "Basic " + basic).build());
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(3, body(res).get("data").size());
        var lowercase = server(db).send(HttpRequest.newBuilder(server(db).uri("/v2/objects")).header("Authorization", "bearer " + key.secret()).build());
        assertEquals(200, lowercase.statusCode(), "the scheme is case-insensitive (RFC 7235 §2.1)");
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void missingMalformedUnknownOrExpiredCredentialThen401WithBearerChallenge(Db db) {
        var ws = workspace(db);
        var good = fixture(db).apiKey(ws, "object_configuration:read");
        var expired = fixture(db).apiKey(ws, "object_configuration:read", Instant.now().minusSeconds(5));
        String badChecksum = good.secret().substring(0, good.secret().length() - 1)
                + (good.secret().endsWith("0") ? "1" : "0");
        String unknown = Token.mint(TokenKind.API_KEY, new SecureRandom()).value();
        List<String> headers = new ArrayList<>(List.of("Bearer garbage", "Bearer " + badChecksum, "Bearer " + unknown,
                "Bearer " + expired.secret(), "Bearer ", "Bearer", "Digest abc", "Basic !!!notbase64",
                "Basic " + Base64.getEncoder().encodeToString((good.secret() + ":password").getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(good.secret().getBytes(StandardCharsets.UTF_8)),
                "Bearer " + Token.mint(TokenKind.SESSION, new SecureRandom()).value()));
        headers.add(null);
        for (String header : headers) {
            var builder = HttpRequest.newBuilder(server(db).uri("/v2/objects"));
            if (header != null) builder.header("Authorization", header);
            var res = server(db).send(builder.build());
            assertEquals(401, res.statusCode(), header + " -> " + res.body());
            String challenge = res.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("Bearer ") && challenge.contains("error=\"invalid_token\"")
                    && challenge.contains("resource_metadata=\""), challenge);
            assertEquals("invalid_token", body(res).get("code").asText());
            assertFalse(res.body().contains(good.secret()), "never echoes a secret");
        }
        var twoHeaders = server(db).send(HttpRequest.newBuilder(server(db).uri("/v2/objects"))
                .header("Authorization", "Bearer " + good.secret()).header("Authorization", "Bearer " + good.secret()).build());
        assertEquals(401, twoHeaders.statusCode());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void everyRouteEnforcesItsScopeTableNamingEachMissingScope(Db db) {
        var ws = workspace(db);
        for (ApiRoute route : ApiRoute.values()) {
            if (route.scopes().isEmpty()) continue;
            String path = route.path().replaceAll("\\{object}", "people").replaceAll("\\{[a-z_]+}", UUID.randomUUID().toString());
            String json = route.isRead() || route == ApiRoute.DELETE_TASK || route == ApiRoute.DELETE_WEBHOOK ? null
                    : route.path().startsWith("/v2/webhooks") ? WEBHOOK : "{\"content_plaintext\": \"x\"}";
            List<Scope> required = route.scopes().scopes();
            for (Scope left : required) {
                String granted = String.join(" ", required.stream().filter(s -> !s.equals(left)).map(Scope::name).toList());
                var key = fixture(db).apiKey(ws, granted);
                var res = call(db, route.method().text(), path, key.secret(), json);
                assertEquals(403, res.statusCode(), route + " without " + left + ": " + res.body());
                assertEquals("insufficient_scopes", body(res).get("code").asText());
                assertEquals("Token requires '" + left + "' scope", body(res).get("message").asText());
                String challenge = res.headers().firstValue("WWW-Authenticate").orElseThrow();
                assertTrue(challenge.contains("error=\"insufficient_scope\", scope=\"" + left + "\""), challenge);
            }
            var none = call(db, route.method().text(), path, fixture(db).apiKey(ws, "openid").secret(), json);
            assertEquals(403, none.statusCode());
            for (Scope s : required) assertTrue(body(none).get("message").asText().contains("'" + s + "'"), none.body());
            var all = call(db, route.method().text(), path, fixture(db).apiKey(ws, route.scopes().toString()).secret(), json);
            assertTrue(all.statusCode() == 200 || all.statusCode() == 404, route + " with its scopes: " + all.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void readWriteSatisfiesReadButReadDoesNotSatisfyReadWrite(Db db) {
        var ws = workspace(db);
        var writer = fixture(db).apiKey(ws, TASK_WRITE_SCOPES);
        var reader = fixture(db).apiKey(ws, TASK_SCOPES);
        assertEquals(200, call(db, "GET", "/v2/tasks", writer.secret(), null).statusCode());
        var res = call(db, "POST", "/v2/tasks", reader.secret(), "{\"content_plaintext\": \"x\"}");
        assertEquals(403, res.statusCode());
        assertEquals("Token requires 'task:read-write' scope", body(res).get("message").asText());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void taskCrudRoundTrip(Db db) {
        var ws = workspace(db);
        String member = fixture(db).member(ws.id(), fixture(db).user("bob" + SLUGS.incrementAndGet() + "@example.com", "Bob"), "member");
        String key = fixture(db).apiKey(ws, TASK_WRITE_SCOPES).secret();

        var created = call(db, "POST", "/v2/tasks", key, """
                {"data": {"content_plaintext": "Call Ada", "deadline_at": "2030-01-31T18:00:00+01:00",
                          "assignees": ["%s", {"workspace_member_id": "%s"}]}}""".formatted(ws.adminMemberId(), member));
        assertEquals(200, created.statusCode(), created.body());
        JsonNode task = body(created).get("data");
        String id = task.get("id").asText();
        assertEquals("Call Ada", task.get("content_plaintext").asText());
        assertEquals("2030-01-31T17:00:00Z", task.get("deadline_at").asText());
        assertFalse(task.get("is_completed").asBoolean());
        assertEquals(2, task.get("assignees").size());
        assertTrue(task.get("created_at").asText().endsWith("Z"));

        var got = call(db, "GET", "/v2/tasks/" + id, key, null);
        assertEquals(task, body(got).get("data"));

        call(db, "POST", "/v2/tasks", key, "{\"content_plaintext\": \"Second\"}");
        var list = body(call(db, "GET", "/v2/tasks?limit=1", key, null)).get("data");
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("id").asText(), "oldest first");
        var next = body(call(db, "GET", "/v2/tasks?limit=1&offset=1", key, null)).get("data");
        assertEquals("Second", next.get(0).get("content_plaintext").asText());
        // Attio's sort: newest first is the exact reverse, ties (same instant) broken by id the other way.
        List<String> oldest = new java.util.ArrayList<>();
        body(call(db, "GET", "/v2/tasks?sort=created_at:asc", key, null)).get("data").forEach(t -> oldest.add(t.get("id").asText()));
        List<String> newest = new java.util.ArrayList<>();
        body(call(db, "GET", "/v2/tasks?sort=created_at:desc", key, null)).get("data").forEach(t -> newest.add(t.get("id").asText()));
        assertEquals(2, oldest.size());
        assertEquals(oldest.reversed(), newest);

        var patched = call(db, "PATCH", "/v2/tasks/" + id, key,
                "{\"is_completed\": true, \"deadline_at\": null, \"assignees\": [\"" + member + "\"]}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode after = body(patched).get("data");
        assertTrue(after.get("is_completed").asBoolean());
        assertTrue(after.get("deadline_at").isNull());
        assertEquals("Call Ada", after.get("content_plaintext").asText(), "fields not given are unchanged");
        assertEquals(member, after.get("assignees").get(0).get("workspace_member_id").asText());
        assertEquals(1, after.get("assignees").size());

        var deleted = call(db, "DELETE", "/v2/tasks/" + id, key, null);
        assertEquals(200, deleted.statusCode());
        assertEquals("{}", deleted.body());
        assertEquals(404, call(db, "GET", "/v2/tasks/" + id, key, null).statusCode());
        assertEquals(404, call(db, "DELETE", "/v2/tasks/" + id, key, null).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anotherWorkspacesTaskIs404AndUntouched(Db db) {
        var mine = workspace(db);
        var theirs = workspace(db);
        String myKey = fixture(db).apiKey(mine, TASK_WRITE_SCOPES).secret();
        String theirKey = fixture(db).apiKey(theirs, TASK_WRITE_SCOPES).secret();
        String id = body(call(db, "POST", "/v2/tasks", theirKey, "{\"content_plaintext\": \"Theirs\"}")).get("data").get("id").asText();

        assertEquals(404, call(db, "GET", "/v2/tasks/" + id, myKey, null).statusCode());
        assertEquals(404, call(db, "PATCH", "/v2/tasks/" + id, myKey, "{\"content_plaintext\": \"Mine now\"}").statusCode());
        assertEquals(404, call(db, "DELETE", "/v2/tasks/" + id, myKey, null).statusCode());
        assertEquals(0, body(call(db, "GET", "/v2/tasks", myKey, null)).get("data").size());
        assertEquals("Theirs", body(call(db, "GET", "/v2/tasks/" + id, theirKey, null)).get("data").get("content_plaintext").asText());

        var foreignAssignee = call(db, "POST", "/v2/tasks", myKey,
                "{\"content_plaintext\": \"x\", \"assignees\": [\"" + theirs.adminMemberId() + "\"]}");
        assertEquals(400, foreignAssignee.statusCode());
        assertEquals("assignees", body(foreignAssignee).get("field").asText());
        assertEquals(404, call(db, "GET", "/v2/workspace_members/" + theirs.adminMemberId(),
                fixture(db).apiKey(mine, "user_management:read").secret(), null).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void badBodiesAreValidationErrorsNamingTheField(Db db) {
        String key = fixture(db).apiKey(workspace(db), TASK_WRITE_SCOPES).secret();
        Map<String, String> fieldOf = Map.ofEntries(
                Map.entry("{\"content_plaintext\": \"x\", \"colour\": \"red\"}", "colour"),
                Map.entry("{\"content_plaintext\": 42}", "content_plaintext"),
                Map.entry("{\"content_plaintext\": null}", "content_plaintext"),
                Map.entry("{\"content_plaintext\": \"\"}", "content_plaintext"),
                Map.entry("{\"content_plaintext\": \"" + "x".repeat(10_001) + "\"}", "content_plaintext"),
                Map.entry("{\"content_plaintext\": \"a\\u0000b\"}", "content_plaintext"),
                Map.entry("{\"deadline_at\": \"2030-01-01T00:00:00Z\"}", "content_plaintext"),
                Map.entry("{\"content_plaintext\": \"x\", \"is_completed\": \"yes\"}", "is_completed"),
                Map.entry("{\"content_plaintext\": \"x\", \"is_completed\": 1e999999}", "is_completed"),
                Map.entry("{\"content_plaintext\": \"x\", \"deadline_at\": 123456789012345678901234567890}", "deadline_at"),
                Map.entry("{\"content_plaintext\": \"x\", \"deadline_at\": \"tomorrow\"}", "deadline_at"),
                Map.entry("{\"content_plaintext\": \"x\", \"deadline_at\": \"+1000000000-01-01T00:00:00Z\"}", "deadline_at"),
                Map.entry("{\"content_plaintext\": \"x\", \"deadline_at\": \"2030-01-01T00:00:00\"}", "deadline_at"),
                Map.entry("{\"content_plaintext\": \"x\", \"assignees\": \"me\"}", "assignees"),
                Map.entry("{\"content_plaintext\": \"x\", \"assignees\": [\"not-a-uuid\"]}", "assignees"),
                Map.entry("{\"content_plaintext\": \"x\", \"assignees\": [\"" + UUID.randomUUID() + "\"]}", "assignees"),
                Map.entry("{\"data\": 5}", "data"));
        fieldOf.forEach((json, field) -> {
            var res = call(db, "POST", "/v2/tasks", key, json);
            assertEquals(400, res.statusCode(), json + " -> " + res.body());
            assertEquals("validation_type", body(res).get("code").asText(), json);
            assertEquals(field, body(res).get("field").asText(), json);
        });
        for (String garbage : List.of("{", "[]", "\"text\"", "", "{\"a\":1,\"a\":2}", "[".repeat(5000), "nul")) {
            var res = call(db, "POST", "/v2/tasks", key, garbage);
            assertEquals(400, res.statusCode(), garbage + " -> " + res.body());
            assertEquals("invalid_request", body(res).get("code").asText());
        }
        var form = server(db).send(HttpRequest.newBuilder(server(db).uri("/v2/tasks")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("content_plaintext=x")).build());
        assertEquals(400, form.statusCode());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void badPathsAndQueriesAreNever500(Db db) {
        String key = fixture(db).apiKey(workspace(db), TASK_WRITE_SCOPES).secret();
        for (String path : List.of("/v2/tasks/not-a-uuid", "/v2/tasks/" + UUID.randomUUID().toString().toUpperCase(),
                "/v2/tasks/%00", "/v2/tasks/" + "9".repeat(500), "/v2/workspace_members/%27%20OR%201=1")) {
            var res = call(db, "GET", path, key, null);
            assertEquals(404, res.statusCode(), path + " -> " + res.body());
        }
        assertEquals(404, call(db, "PATCH", "/v2/tasks/nope", key, "{}").statusCode());
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=99999999999999999999", "offset=-1", "limit=-5", "limit=",
                "sort=created_at", "sort=content_plaintext:asc", "sort=")) {
            var res = call(db, "GET", "/v2/tasks?" + query, key, null);
            assertEquals(400, res.statusCode(), query + " -> " + res.body());
            assertEquals("validation_type", body(res).get("code").asText());
        }
        assertEquals(400, call(db, "GET", "/v2/tasks?limit=1&limit=2", key, null).statusCode());
        assertEquals(404, call(db, "GET", "/v2/objects/widgets", fixture(db).apiKey(workspace(db), "object_configuration:read").secret(), null).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void selfDescribesTheApiKeyLikeIntrospectionAndInactiveTokensGetActiveFalse(Db db) {
        var ws = workspace(db);
        var key = fixture(db).apiKey(ws, "task:read user_management:read");
        var res = call(db, "GET", "/v2/self", key.secret(), null);
        assertEquals(200, res.statusCode());
        JsonNode self = body(res);
        assertTrue(self.get("active").asBoolean());
        assertEquals("task:read user_management:read", self.get("scope").asText());
        assertEquals("api_key", self.get("token_type").asText());
        assertTrue(self.has("exp") && self.get("exp").isNull(), "exp is null for a key that never expires");
        assertTrue(self.get("iat").asLong() > 1_700_000_000L);
        assertEquals(ws.id(), self.get("sub").asText());
        assertEquals(key.id(), self.get("aud").asText());
        assertEquals(server(db).portcullis().config().server().issuer().toString(), self.get("iss").asText());
        assertEquals(ws.adminMemberId(), self.get("authorized_by_workspace_member_id").asText());
        assertEquals(ws.id(), self.get("workspace_id").asText());
        assertEquals(ws.name(), self.get("workspace_name").asText());
        assertEquals(ws.slug(), self.get("workspace_slug").asText());
        assertEquals("https://example.com/" + ws.slug() + ".png", self.get("workspace_logo_url").asText());
        assertFalse(self.has("client_id"));

        String unknown = Token.mint(TokenKind.API_KEY, new SecureRandom()).value();
        var expired = fixture(db).apiKey(ws, "task:read", Instant.now().minusSeconds(1));
        for (String inactive : List.of(unknown, expired.secret(), "garbage")) {
            var r = call(db, "GET", "/v2/self", inactive, null);
            assertEquals(200, r.statusCode());
            assertEquals("{\"active\":false}", r.body());
        }
        assertEquals(401, call(db, "GET", "/v2/self", null, null).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void membersListAndGetInTheCallersWorkspace(Db db) {
        var ws = workspace(db);
        String bob = fixture(db).member(ws.id(), fixture(db).user("Bob" + SLUGS.incrementAndGet() + "@Example.com", "Bob de Vries"), "member");
        String key = fixture(db).apiKey(ws, "user_management:read").secret();
        JsonNode list = body(call(db, "GET", "/v2/workspace_members", key, null)).get("data");
        assertEquals(2, list.size());
        JsonNode admin = list.get(0).get("id").asText().equals(ws.adminMemberId()) ? list.get(0) : list.get(1);
        assertEquals(ws.adminMemberId(), admin.get("id").asText());
        assertEquals("admin", admin.get("access_level").asText());
        assertEquals("Ada", admin.get("first_name").asText());
        JsonNode member = body(call(db, "GET", "/v2/workspace_members/" + bob, key, null)).get("data");
        assertEquals(bob, member.get("id").asText());
        assertEquals("Bob", member.get("first_name").asText());
        assertEquals("de Vries", member.get("last_name").asText());
        assertEquals("member", member.get("access_level").asText());
        assertTrue(member.get("email_address").asText().endsWith("@Example.com"));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void deletedKeyIsRefusedAtOnceAfterInvalidation(Db db) {
        var key = fixture(db).apiKey(workspace(db), "object_configuration:read");
        assertEquals(200, call(db, "GET", "/v2/objects", key.secret(), null).statusCode());
        fixture(db).delete(key);
        server(db).portcullis().credentials().revoked(List.of(key.hash()));
        assertEquals(401, call(db, "GET", "/v2/objects", key.secret(), null).statusCode());
        assertEquals("{\"active\":false}", call(db, "GET", "/v2/self", key.secret(), null).body());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void pastTheRateLimitThen429WithRetryAfterPerCredentialAndPerKindOfRequest(Db db) {
        var config = dev.portcullis.config.ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_RATE_READS_PER_SECOND", "3", "PORTCULLIS_RATE_WRITES_PER_SECOND", "1"))
                .withStorage(dev.portcullis.support.TestDatabases.fresh(db));
        try (TestServer limited = TestServer.start(config)) {
            var fixture = new ApiKeyFixture(limited.portcullis().database());
            var ws = fixture.workspace("limited");
            String key = fixture.apiKey(ws, TASK_WRITE_SCOPES).secret();
            String other = fixture.apiKey(ws, TASK_WRITE_SCOPES).secret();
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 6; i++) {
                last = limited.send(HttpRequest.newBuilder(limited.uri("/v2/tasks")).header("Authorization", "Bearer " + key).build());
                statuses.add(last.statusCode());
            }
            assertTrue(statuses.contains(429), statuses.toString());
            assertEquals(429, last.statusCode(), statuses.toString());
            long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(1, retryAfter, "a bucket refilling every second never asks to wait longer");
            JsonNode error = body(last);
            assertEquals(429, error.get("status_code").asInt());
            assertEquals("rate_limit_error", error.get("type").asText());
            assertEquals("rate_limit_exceeded", error.get("code").asText());

            var otherKey = limited.send(HttpRequest.newBuilder(limited.uri("/v2/tasks")).header("Authorization", "Bearer " + other).build());
            assertEquals(200, otherKey.statusCode(), "limits are per credential");
            var write = limited.send(HttpRequest.newBuilder(limited.uri("/v2/tasks")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"content_plaintext\": \"x\"}")).build());
            assertEquals(200, write.statusCode(), "writes have their own bucket");
            var write2 = limited.send(HttpRequest.newBuilder(limited.uri("/v2/tasks")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"content_plaintext\": \"x\"}")).build());
            assertEquals(429, write2.statusCode());
            assertNotEquals(null, write2.headers().firstValue("Retry-After").orElse(null));
        }
    }
}

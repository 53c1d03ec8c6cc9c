package dev.portcullis.events;

import static dev.portcullis.events.OAuthEventFixtures.about;
import static dev.portcullis.events.OAuthEventFixtures.assertActor;
import static dev.portcullis.events.OAuthEventFixtures.assertNoEventContains;
import static dev.portcullis.events.OAuthEventFixtures.assertTarget;
import static dev.portcullis.events.OAuthEventFixtures.by;
import static dev.portcullis.events.OAuthEventFixtures.theOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** API key events over real HTTP, from the workspace's key pages (actor user) and /manage/v1 (actor operator token). */
@ParameterizedClass
@EnumSource(Db.class)
class ApiKeyEventsHttpTest {
    static final AtomicInteger USERS = new AtomicInteger();
    static TestServer server;
    static String operatorToken;
    static String operatorTokenId;

    @Parameter
    Db db;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        var created = server.portcullis().core().operators().create("events", Actor.system());
        operatorToken = created.secret();
        operatorTokenId = created.token().id();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    record Admin(Browser browser, String userId, String workspaceId, String path) {}

    static Admin admin() {
        int n = USERS.incrementAndGet();
        String email = "keyadmin" + n + "@example.com";
        var browser = new Browser(server);
        browser.signUp("Key admin " + n, email, "correct horse battery");
        var identity = server.portcullis().core().identity();
        String userId = identity.findByEmail(email).orElseThrow().id();
        var workspace = identity.workspacesOf(userId).getFirst().workspace();
        return new Admin(browser, userId, workspace.id(), "/workspaces/" + workspace.slug() + "/api-keys");
    }

    static HttpResponse<String> manage(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1" + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + operatorToken);
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

    @Test
    void keyPagesCreateEditRevokeRecordOneEventEachByTheAdminInTheWorkspaceAndARefusedCreateNone() {
        Admin a = admin();
        var posted = a.browser().submit(a.browser().get(a.path()), "form#create-api-key", Map.of("name", "ci", "scope.task:read", "on"));
        assertEquals(303, posted.status(), posted.text());
        String key = a.browser().follow(posted).doc().selectFirst("#keys [data-testid=api-key]").text();

        List<Event> created = by(server.portcullis(), EventType.API_KEY_CREATED, a.userId());
        assertEquals(1, created.size(), created.toString());
        Event e = created.getFirst();
        String keyId = (String) e.data().get("key_id");
        assertActor(e, Actor.Kind.USER, a.userId());
        assertEquals(Optional.of("127.0.0.1"), e.actor().address());
        assertEquals(Optional.of(a.workspaceId()), e.workspaceId());
        assertTarget(e, "api_key", keyId);
        assertEquals("ci", e.data().get("name"));
        assertEquals(List.of("task:read"), e.data().get("scopes"));

        var taken = a.browser().submit(a.browser().get(a.path()), "form#create-api-key", Map.of("name", "ci", "scope.note:read", "on"));
        assertEquals(409, taken.status(), taken.text());
        assertEquals(1, by(server.portcullis(), EventType.API_KEY_CREATED, a.userId()).size(), "a refused key records nothing");

        var saved = a.browser().submit(a.browser().get(a.path() + "/" + keyId), "form#edit-api-key",
                Map.of("name", "deploy", "scope.task:read", "", "scope.note:read", "on"));
        assertEquals(303, saved.status(), saved.text());
        Event u = theOne(server.portcullis(), EventType.API_KEY_UPDATED, keyId);
        assertActor(u, Actor.Kind.USER, a.userId());
        assertEquals("deploy", u.data().get("name"));
        assertEquals("ci", u.data().get("previous_name"));
        assertEquals(List.of("note:read"), u.data().get("scopes"));

        var revoked = a.browser().submit(a.browser().get(a.path() + "/" + keyId), "form#revoke-api-key", Map.of());
        assertEquals(303, revoked.status(), revoked.text());
        Event r = theOne(server.portcullis(), EventType.API_KEY_REVOKED, keyId);
        assertActor(r, Actor.Kind.USER, a.userId());
        assertEquals(Optional.of(a.workspaceId()), r.workspaceId());
        assertNoEventContains(server.portcullis(), key);
    }

    @Test
    void manageCreateEditRevokeRecordOneEventEachByTheOperatorToken() {
        Admin a = admin();
        var bad = manage("POST", "/workspaces/" + a.workspaceId() + "/api_keys", "{\"name\": \"x\", \"scopes\": [\"\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        var created = manage("POST", "/workspaces/" + a.workspaceId() + "/api_keys", "{\"name\": \"ops\", \"scopes\": [\"task:read\"]}");
        assertEquals(201, created.statusCode(), created.body());
        String keyId = json(created).get("id").asText();
        List<Event> all = by(server.portcullis(), EventType.API_KEY_CREATED, operatorTokenId).stream()
                .filter(e -> e.workspaceId().equals(Optional.of(a.workspaceId()))).toList();
        assertEquals(1, all.size(), "the refused key recorded nothing: " + all);
        assertActor(all.getFirst(), Actor.Kind.OPERATOR, operatorTokenId);
        assertTarget(all.getFirst(), "api_key", keyId);

        var patched = manage("PATCH", "/workspaces/" + a.workspaceId() + "/api_keys/" + keyId, "{\"scopes\": [\"note:read\"]}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertActor(theOne(server.portcullis(), EventType.API_KEY_UPDATED, keyId), Actor.Kind.OPERATOR, operatorTokenId);

        assertEquals(204, manage("DELETE", "/workspaces/" + a.workspaceId() + "/api_keys/" + keyId, null).statusCode());
        Event r = theOne(server.portcullis(), EventType.API_KEY_REVOKED, keyId);
        assertActor(r, Actor.Kind.OPERATOR, operatorTokenId);
        assertEquals(List.of(), about(server.portcullis(), EventType.API_KEY_REVOKED, "no-such-key"));
        assertNoEventContains(server.portcullis(), json(created).get("key").asText(), operatorToken);
    }
}

package dev.portcullis.events;

import static dev.portcullis.events.OAuthEventFixtures.about;
import static dev.portcullis.events.OAuthEventFixtures.assertActor;
import static dev.portcullis.events.OAuthEventFixtures.assertNoEventContains;
import static dev.portcullis.events.OAuthEventFixtures.assertTarget;
import static dev.portcullis.events.OAuthEventFixtures.theOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * App events over real HTTP: the dashboard (actor user), /manage/v1 (actor operator token) and
 * dynamic registration (actor anonymous); nothing for a refused change, never a secret.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AppEventsHttpTest {
    static final AtomicInteger USERS = new AtomicInteger();
    static TestServer server;
    static String operatorToken;
    static String operatorTokenId;

    @Parameter
    Db db;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db); // registration is open by default
        var created = server.portcullis().core().operators().create("events", Actor.system());
        operatorToken = created.secret();
        operatorTokenId = created.token().id();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    record Developer(Browser browser, String userId) {}

    static Developer developer() {
        var browser = new Browser(server);
        int n = USERS.incrementAndGet();
        browser.signUp("Dev " + n, "appdev" + n + "@example.com", "correct horse battery");
        String userId = server.portcullis().core().identity().findByEmail("appdev" + n + "@example.com").orElseThrow().id();
        return new Developer(browser, userId);
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
    void dashboardCreateUpdateRotateDeleteEachRecordOneEventByTheUserAndARefusedUpdateNone() {
        Developer dev = developer();
        Browser b = dev.browser();
        var created = b.submit(b.get("/dashboard"), "form#create-app", Map.of("name", "Taskr", "description", "",
                "logo_url", "", "token_endpoint_auth_method", "client_secret_basic"));
        assertEquals(303, created.status(), created.text());
        var page = b.follow(created);
        String clientId = page.doc().selectFirst("[data-testid=client-id]").text();
        String secret = page.doc().selectFirst("[data-testid=client-secret]").text();

        Event e = theOne(server.portcullis(), EventType.APP_CREATED, clientId);
        assertActor(e, Actor.Kind.USER, dev.userId());
        assertEquals(Optional.of("127.0.0.1"), e.actor().address());
        assertTarget(e, "app", clientId);
        assertEquals("Taskr", e.data().get("name"));
        assertEquals("client_secret_basic", e.data().get("auth_method"));

        var saved = b.submit(b.get("/dashboard/apps/" + clientId), "form#app-settings", Map.of("name", "Taskr 2"));
        assertEquals(303, saved.status(), saved.text());
        Event updated = theOne(server.portcullis(), EventType.APP_UPDATED, clientId);
        assertActor(updated, Actor.Kind.USER, dev.userId());
        assertTrue(((List<?>) updated.data().get("changed")).contains("name"), updated.toString());

        var refused = b.submit(b.get("/dashboard/apps/" + clientId), "form#app-settings", Map.of("name", "Bad\u202Ename"));
        assertEquals(400, refused.status(), refused.text());
        assertEquals(1, about(server.portcullis(), EventType.APP_UPDATED, clientId).size(), "a refused update records nothing");

        var rotated = b.submit(b.get("/dashboard/apps/" + clientId), "form#rotate-secret", Map.of());
        assertEquals(303, rotated.status(), rotated.text());
        String newSecret = b.follow(rotated).doc().selectFirst("[data-testid=client-secret]").text();
        Event r = theOne(server.portcullis(), EventType.APP_SECRET_ROTATED, clientId);
        assertActor(r, Actor.Kind.USER, dev.userId());
        assertEquals("rotated", r.data().get("how"));

        var deleted = b.submit(b.get("/dashboard/apps/" + clientId + "/delete"), "form#delete-app", Map.of());
        assertEquals(303, deleted.status(), deleted.text());
        Event d = theOne(server.portcullis(), EventType.APP_DELETED, clientId);
        assertActor(d, Actor.Kind.USER, dev.userId());
        assertEquals("Taskr 2", d.data().get("name"));
        assertNoEventContains(server.portcullis(), secret, newSecret);
    }

    @Test
    void manageCreateUpdateRotateDeleteEachRecordOneEventByTheOperatorTokenAndABadUpdateNone() {
        var created = manage("POST", "/apps", "{\"name\": \"Ops app\", \"token_endpoint_auth_method\": \"client_secret_basic\"}");
        assertEquals(201, created.statusCode(), created.body());
        String clientId = json(created).get("client_id").asText();
        String secret = json(created).get("client_secret").asText();
        Event e = theOne(server.portcullis(), EventType.APP_CREATED, clientId);
        assertActor(e, Actor.Kind.OPERATOR, operatorTokenId);
        assertEquals(Optional.of("127.0.0.1"), e.actor().address());

        var bad = manage("PATCH", "/apps/" + clientId, "{\"redirect_uris\": [\"not a uri\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(List.of(), about(server.portcullis(), EventType.APP_UPDATED, clientId), "a refused update records nothing");

        var updated = manage("PATCH", "/apps/" + clientId, "{\"name\": \"Ops app 2\"}");
        assertEquals(200, updated.statusCode(), updated.body());
        Event u = theOne(server.portcullis(), EventType.APP_UPDATED, clientId);
        assertActor(u, Actor.Kind.OPERATOR, operatorTokenId);
        assertEquals(List.of("name"), u.data().get("changed"));

        var rotated = manage("POST", "/apps/" + clientId + "/secrets", "{\"revoke_old_now\": true}");
        assertEquals(201, rotated.statusCode(), rotated.body());
        Event r = theOne(server.portcullis(), EventType.APP_SECRET_ROTATED, clientId);
        assertActor(r, Actor.Kind.OPERATOR, operatorTokenId);
        assertEquals("rotated_revoking_old", r.data().get("how"));

        assertEquals(204, manage("DELETE", "/apps/" + clientId, null).statusCode());
        assertActor(theOne(server.portcullis(), EventType.APP_DELETED, clientId), Actor.Kind.OPERATOR, operatorTokenId);
        assertNoEventContains(server.portcullis(), secret, json(rotated).get("client_secret").asText(), operatorToken);
    }

    @Test
    void dynamicRegistrationRecordsAppSelfRegisteredByAnonymousWithoutTheSecrets() {
        var res = server.send(HttpRequest.newBuilder(server.uri("/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"client_name": "Agent", "redirect_uris": ["https://agent.example/cb"],
                         "token_endpoint_auth_method": "client_secret_basic"}""")).build());
        assertEquals(201, res.statusCode(), res.body());
        String clientId = json(res).get("client_id").asText();
        Event e = theOne(server.portcullis(), EventType.APP_SELF_REGISTERED, clientId);
        assertActor(e, Actor.Kind.ANONYMOUS, null);
        assertEquals(Optional.of("127.0.0.1"), e.actor().address());
        assertTarget(e, "app", clientId);
        assertEquals(List.of("https://agent.example/cb"), e.data().get("redirect_uris"));
        assertEquals(false, e.data().get("initial_access_token"));
        assertEquals(List.of(), about(server.portcullis(), EventType.APP_CREATED, clientId), "one event, of its own type");
        assertNoEventContains(server.portcullis(), json(res).get("client_secret").asText(),
                json(res).get("registration_access_token").asText());
    }
}

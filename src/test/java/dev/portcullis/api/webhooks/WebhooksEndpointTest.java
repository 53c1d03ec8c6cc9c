package dev.portcullis.api.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.http.Json;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** /v2/webhooks over real HTTP with API keys: scopes enforced and named, and a workspace sees only its own webhooks. */
class WebhooksEndpointTest {
    static final String CREATE = """
            {"data": {"target_url": "https://93.184.215.14/in", "subscriptions": [{"event_type": "app.created"}, {"event_type": "token.issued"}]}}""";

    static HttpResponse<String> call(TestServer server, String method, String path, String token, String json) {
        var b = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        return server.send(b.build());
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return Json.MAPPER.readTree(res.body());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aWorkspaceKeyWithReadWriteCreatesListsChangesAndDeletesItsWebhooksAsItsActor(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            var fixture = new ApiKeyFixture(server.portcullis().database());
            var ws = fixture.workspace("v2-hooks-" + db.name().toLowerCase());
            var key = fixture.apiKey(ws, "webhook:read-write");

            var created = call(server, "POST", "/v2/webhooks", key.secret(), CREATE);
            assertEquals(200, created.statusCode(), created.body());
            JsonNode data = json(created).get("data");
            String id = data.get("id").get("webhook_id").asText();
            assertEquals(ws.id(), data.get("id").get("workspace_id").asText());
            assertTrue(data.get("secret").asText().startsWith("whsec_"));
            assertEquals("active", data.get("status").asText());
            assertEquals("app.created", data.get("subscriptions").get(0).get("event_type").asText());

            var listed = call(server, "GET", "/v2/webhooks", key.secret(), null);
            assertEquals(200, listed.statusCode());
            assertEquals(id, json(listed).get("data").get(0).get("id").get("webhook_id").asText());
            assertFalse(listed.body().contains("whsec_"), "the secret is shown once");

            var patched = call(server, "PATCH", "/v2/webhooks/" + id, key.secret(), "{\"data\": {\"status\": \"inactive\"}}");
            assertEquals(200, patched.statusCode(), patched.body());
            assertEquals("inactive", json(patched).get("data").get("status").asText());
            assertEquals(2, json(patched).get("data").get("subscriptions").size(), "absent fields are kept");

            assertEquals(200, call(server, "DELETE", "/v2/webhooks/" + id, key.secret(), null).statusCode());
            assertEquals(404, call(server, "GET", "/v2/webhooks/" + id, key.secret(), null).statusCode());

            var events = server.portcullis().core().events().page(EventQuery.newest(10).inWorkspace(ws.id()).ofTypes(Set.of(
                    EventType.WEBHOOK_ENDPOINT_CREATED, EventType.WEBHOOK_ENDPOINT_UPDATED, EventType.WEBHOOK_ENDPOINT_DELETED))).events();
            assertEquals(3, events.size());
            events.forEach(e -> assertEquals(Actor.apiKey(key.id(), Actor.Origin.NONE).id(), e.actor().id()));
            events.forEach(e -> assertEquals(Actor.Kind.API_KEY, e.actor().kind()));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anotherWorkspacesWebhookIsNotFoundAndAMissingScopeIs403NamingIt(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            var fixture = new ApiKeyFixture(server.portcullis().database());
            var mine = fixture.workspace("v2-mine-" + db.name().toLowerCase());
            var theirs = fixture.workspace("v2-theirs-" + db.name().toLowerCase());
            var theirKey = fixture.apiKey(theirs, "webhook:read-write");
            String theirId = json(call(server, "POST", "/v2/webhooks", theirKey.secret(), CREATE)).get("data").get("id").get("webhook_id").asText();

            var myKey = fixture.apiKey(mine, "webhook:read-write");
            assertEquals(404, call(server, "GET", "/v2/webhooks/" + theirId, myKey.secret(), null).statusCode());
            assertEquals(404, call(server, "PATCH", "/v2/webhooks/" + theirId, myKey.secret(), "{\"data\": {\"status\": \"inactive\"}}").statusCode());
            assertEquals(404, call(server, "DELETE", "/v2/webhooks/" + theirId, myKey.secret(), null).statusCode());
            assertEquals(0, json(call(server, "GET", "/v2/webhooks", myKey.secret(), null)).get("data").size());
            assertTrue(server.portcullis().core().webhooks().find(dev.portcullis.webhooks.Webhooks.Within.ANY, theirId).enabled(),
                    "untouched");

            var reader = fixture.apiKey(mine, "webhook:read");
            assertEquals(200, call(server, "GET", "/v2/webhooks", reader.secret(), null).statusCode());
            var refused = call(server, "POST", "/v2/webhooks", reader.secret(), CREATE);
            assertEquals(403, refused.statusCode());
            assertEquals("Token requires 'webhook:read-write' scope", json(refused).get("message").asText());
            var none = call(server, "GET", "/v2/webhooks", fixture.apiKey(mine, "task:read").secret(), null);
            assertEquals(403, none.statusCode());
            assertEquals("Token requires 'webhook:read' scope", json(none).get("message").asText());
            assertEquals(0, json(call(server, "GET", "/v2/webhooks", myKey.secret(), null)).get("data").size(), "nothing was created");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aLoopbackTargetOrAnUnknownEventTypeIs400NamingTheField(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            var fixture = new ApiKeyFixture(server.portcullis().database());
            var key = fixture.apiKey(fixture.workspace("v2-ssrf-" + db.name().toLowerCase()), "webhook:read-write");
            var loopback = call(server, "POST", "/v2/webhooks", key.secret(), CREATE.replace("https://93.184.215.14/in", "https://127.0.0.1:9/in"));
            assertEquals(400, loopback.statusCode());
            assertEquals("target_url", json(loopback).get("field").asText());
            var type = call(server, "POST", "/v2/webhooks", key.secret(), CREATE.replace("token.issued", "token.nope"));
            assertEquals(400, type.statusCode());
            assertEquals("event_types", json(type).get("field").asText());
        }
    }
}

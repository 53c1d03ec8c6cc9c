package dev.portcullis.manage;

import static dev.portcullis.manage.UpstreamProviderRoutesTest.call;
import static dev.portcullis.manage.UpstreamProviderRoutesTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhooks under /manage/v1 with production settings (private targets refused): the secret is
 * shown once and stored only sealed, every change is an event with the operator as its actor,
 * and an SSRF-prone target is a 400 naming target_url.
 */
class WebhookRoutesTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void anOperatorCreatesReadsChangesRotatesAndDeletesAWebhookAndEachChangeIsAnEvent(Db db) {
        try (var server = TestServer.start(db)) {
            String token = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            var ws = new ApiKeyFixture(server.portcullis().database()).workspace("mg-hooks");
            var created = call(server, token, "POST", "/webhooks", """
                    {"target_url": "https://93.184.215.14/hooks", "event_types": ["app.created", "token.revoked"], "workspace_id": "%s"}"""
                    .formatted(ws.id()));
            assertEquals(201, created.statusCode(), created.body());
            JsonNode hook = json(created);
            String id = hook.get("id").asText();
            String secret = hook.get("secret").asText();
            assertTrue(secret.startsWith("whsec_"));
            assertEquals(ws.id(), hook.get("workspace_id").asText());
            assertTrue(hook.get("enabled").asBoolean());
            String stored = server.portcullis().database().read(tx -> tx.queryOne("SELECT sealed_secret FROM webhook_endpoints WHERE id = ?",
                    r -> r.text("sealed_secret"), id)).orElseThrow();
            assertFalse(stored.contains(secret.substring(6)), "sealed, not in the clear");

            var read = call(server, token, "GET", "/webhooks/" + id, null);
            assertEquals(200, read.statusCode());
            assertFalse(read.body().contains(secret), "shown once only");
            assertEquals(id, json(call(server, token, "GET", "/webhooks?workspace_id=" + ws.id(), null)).get("data").get(0).get("id").asText());

            var patched = call(server, token, "PATCH", "/webhooks/" + id, "{\"enabled\": false, \"event_types\": [\"*\"]}");
            assertEquals(200, patched.statusCode(), patched.body());
            assertFalse(json(patched).get("enabled").asBoolean());
            assertEquals("*", json(patched).get("event_types").get(0).asText());

            var rotated = call(server, token, "POST", "/webhooks/" + id + "/rotate_secret", null);
            assertEquals(200, rotated.statusCode(), rotated.body());
            assertTrue(json(rotated).get("secret").asText().startsWith("whsec_"));
            assertFalse(json(rotated).get("secret").asText().equals(secret));

            assertEquals(200, call(server, token, "GET", "/webhooks/" + id + "/deliveries", null).statusCode());
            assertEquals(204, call(server, token, "DELETE", "/webhooks/" + id, null).statusCode());
            assertEquals(404, call(server, token, "GET", "/webhooks/" + id, null).statusCode());

            var events = server.portcullis().core().events().page(EventQuery.newest(10).inWorkspace(ws.id()).ofTypes(Set.of(
                    EventType.WEBHOOK_ENDPOINT_CREATED, EventType.WEBHOOK_ENDPOINT_UPDATED, EventType.WEBHOOK_ENDPOINT_DELETED))).events();
            assertEquals(List.of(EventType.WEBHOOK_ENDPOINT_DELETED, EventType.WEBHOOK_ENDPOINT_UPDATED, EventType.WEBHOOK_ENDPOINT_UPDATED,
                    EventType.WEBHOOK_ENDPOINT_CREATED), events.stream().map(e -> e.type()).toList());
            events.forEach(e -> assertEquals(dev.portcullis.events.Actor.Kind.OPERATOR, e.actor().kind()));
            events.forEach(e -> assertFalse(e.data().toString().contains("whsec_"), "no secret in an event"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/hooks", "https://127.0.0.1/hooks", "https://10.0.0.8/hooks", "https://169.254.169.254/latest",
            "https://[::1]/hooks", "https://localhost/hooks", "https://192.168.1.20:8443/hooks", "ftp://example.com/x", "not a url"})
    void aTargetThatIsNotHttpsOrNotPublicIsRefusedWith400NamingTheFieldWhenTheDevSettingIsOff(String target) {
        try (var server = TestServer.start(Db.SQLITE)) {
            String token = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            var res = call(server, token, "POST", "/webhooks", "{\"target_url\": \"" + target + "\", \"event_types\": [\"*\"]}");
            assertEquals(400, res.statusCode(), res.body());
            assertEquals("target_url", json(res).get("field").asText());
            assertEquals("validation_type", json(res).get("code").asText());
            assertEquals(0, server.portcullis().core().webhooks().list(dev.portcullis.webhooks.Webhooks.Within.ANY).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void unknownEventTypesAnUnknownWorkspaceAndAMissingTokenAreRefused(Db db) {
        try (var server = TestServer.start(db)) {
            String token = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            var badType = call(server, token, "POST", "/webhooks", "{\"target_url\": \"https://93.184.215.14/\", \"event_types\": [\"nope\"]}");
            assertEquals(400, badType.statusCode());
            assertEquals("event_types", json(badType).get("field").asText());
            var noWorkspace = call(server, token, "POST", "/webhooks",
                    "{\"target_url\": \"https://93.184.215.14/\", \"event_types\": [\"*\"], \"workspace_id\": \"missing\"}");
            assertEquals(404, noWorkspace.statusCode(), noWorkspace.body());
            assertEquals(401, call(server, "pc_op_wrong", "GET", "/webhooks", null).statusCode());
            assertEquals(404, call(server, token, "POST", "/webhooks/whe_none/deliveries/msg_none/replay", null).statusCode());
        }
    }
}

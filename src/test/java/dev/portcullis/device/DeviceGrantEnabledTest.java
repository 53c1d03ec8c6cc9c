package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apps turn the device grant on where they set every other grant: the dashboard, /manage/v1 (and
 * the import file, which reads apps the same way), and dynamic registration, where a device-only
 * client needs no redirect URI and may have refresh tokens.
 */
class DeviceGrantEnabledTest {
    static final String GRANT = DeviceFixture.DEVICE_GRANT;
    static TestServer server;
    static DeviceFixture device;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE);
        device = new DeviceFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void dynamicRegistrationOfAPublicDeviceClientWithoutRedirectUris() {
        HttpResponse<String> registered = server.post("/oauth2/register", "application/json", "{\"client_name\": \"Kitchen TV\","
                + " \"token_endpoint_auth_method\": \"none\", \"grant_types\": [\"" + GRANT + "\", \"refresh_token\"],"
                + " \"scope\": \"openid task:read\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        JsonNode client = OAuthClient.json(registered);
        assertTrue(client.get("grant_types").toString().contains(GRANT), client.toString());
        assertEquals(200, device.start(client.get("client_id").asText(), "task:read").statusCode());
    }

    @Test
    void manageApiCreatesAnAppWithTheGrant() {
        String token = server.portcullis().core().operators().create("device tests", dev.portcullis.events.Actor.system()).secret();
        HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/manage/v1/apps"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"CLI\", \"token_endpoint_auth_method\": \"none\","
                        + " \"grant_types\": [\"" + GRANT + "\"], \"scopes\": [\"task:read\"]}")).build());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode app = OAuthClient.json(created);
        assertEquals("[\"" + GRANT + "\"]", app.get("grant_types").toString());
        assertEquals(200, device.start(app.get("client_id").asText()).statusCode());
    }

    @Test
    void dashboardTicksTheGrant() {
        Browser developer = device.person("Dev Eloper").browser();
        Browser.Page created = developer.follow(developer.submit(developer.get("/dashboard"), "form#create-app",
                Map.of("name", "TV app", "token_endpoint_auth_method", "none")));
        assertEquals(200, created.status(), created.text());
        String clientId = created.doc().selectFirst("[data-testid=client-id]").text();
        Browser.Page page = developer.get("/dashboard/apps/" + clientId);
        assertTrue(page.doc().selectFirst("form#app-settings input[name='grant." + GRANT + "']") != null, "a checkbox for the grant");
        Browser.Page saved = developer.submit(page, "form#app-settings", Map.of("grant." + GRANT, "on"));
        assertTrue(saved.status() < 400, saved.text());
        assertTrue(server.portcullis().apps().find(clientId).orElseThrow().mayUse(GrantType.DEVICE_CODE));
    }
}

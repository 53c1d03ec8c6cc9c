package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppService;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8628 end to end on a real port, on both databases: a device starts, polls, a person
 * approves or denies at /device, and the device gets its tokens once, slow_down, access_denied,
 * expired_token or invalid_grant exactly as §3.5 says. The server runs on a clock the test moves.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DeviceFlowHttpTest {
    @Parameter
    Db db;

    static MutableClock clock;
    static TestServer server;
    static DeviceFixture device;

    @BeforeParameterizedClassInvocation
    static void startServer(Db db) {
        clock = MutableClock.startingNow();
        server = TestServer.start(db, clock);
        device = new DeviceFixture(server);
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    @Test
    void approvedDeviceGetsTokensOnceAndTheyDieWithTheConnection() {
        AppService.Created app = device.app("Taskr CLI");
        String clientId = app.app().clientId();
        JsonNode started = device.started(clientId);
        String issuer = server.uri("").toString();
        assertEquals(issuer + "/device", started.get("verification_uri").asText());
        String userCode = started.get("user_code").asText();
        assertTrue(userCode.matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"), userCode);
        assertEquals(issuer + "/device?user_code=" + userCode, started.get("verification_uri_complete").asText());
        assertEquals(600, started.get("expires_in").asInt());
        assertEquals(5, started.get("interval").asInt());
        String deviceCode = started.get("device_code").asText();
        assertTrue(deviceCode.startsWith("pc_device_"), "a recognisable secret");

        assertError(device.poll(clientId, deviceCode), "authorization_pending");

        DeviceFixture.Person ada = device.person("Ada Lovelace");
        Browser person = ada.browser();
        Browser.Page consent = DeviceFixture.consent(person, userCode);
        assertEquals(200, consent.status());
        assertTrue(consent.text().contains("A device is asking"), consent.text());
        assertTrue(consent.text().contains("Taskr CLI"));
        assertTrue(consent.text().contains(userCode), "the code to compare with the device's screen");
        assertTrue(consent.text().contains("task:read") && consent.text().contains("offline_access"), "the app's scopes by default");
        Browser.Page answer = person.submit(consent, "form#device-consent", Map.of("decision", "approve"));
        Browser.Page done = person.follow(answer);
        assertEquals(200, done.status(), done.text());
        assertEquals("Device connected", done.doc().selectFirst("#device-done").text());
        Browser.Page reloaded = person.get(answer.location());
        assertNull(reloaded.doc().selectFirst("#device-done"), "Post/Redirect/Get: the answer is shown once, a reload decides nothing");
        assertNotNull(reloaded.doc().selectFirst("form#device-code"));

        clock.advance(Duration.ofSeconds(6));
        HttpResponse<String> issued = device.poll(clientId, deviceCode);
        assertEquals(200, issued.statusCode(), issued.body());
        JsonNode tokens = OAuthClient.json(issued);
        assertEquals("Bearer", tokens.get("token_type").asText());
        assertTrue(tokens.has("refresh_token") && tokens.has("id_token"), tokens.toString());
        assertEquals(String.join(" ", DeviceFixture.SCOPES), tokens.get("scope").asText());
        assertEquals(List.of("pwd"), server.portcullis().core().keys().verify(tokens.get("id_token").asText()).orElseThrow()
                .getClaim("amr"), "the ID token says how the approving session logged in");

        clock.advance(Duration.ofSeconds(6));
        assertError(device.poll(clientId, deviceCode), "invalid_grant");
        assertDeviceEvents(clientId, ada.userId(), tokens);

        String access = tokens.get("access_token").asText();
        JsonNode self = OAuthClient.json(device.oauth().getWithBearer("/v2/self", access));
        assertTrue(self.get("active").asBoolean(), self.toString());
        assertEquals(clientId, self.get("client_id").asText());
        var connections = server.portcullis().core().connections();
        var listed = connections.listForUser(ada.userId());
        assertEquals(1, listed.size(), "listed under connected apps");
        assertEquals("Taskr CLI", listed.getFirst().appName());
        assertEquals(self.get("workspace_id").asText(), listed.getFirst().workspaceId());

        HttpResponse<String> refreshed = refresh(clientId, tokens.get("refresh_token").asText());
        assertEquals(200, refreshed.statusCode(), "the device stays signed in: " + refreshed.body());
        JsonNode second = OAuthClient.json(refreshed);

        connections.revoke(Actor.system(), ada.userId(), listed.getFirst().id());
        for (String token : new String[] {access, second.get("access_token").asText()}) {
            assertEquals("{\"active\":false}", device.oauth().getWithBearer("/v2/self", token).body(), "revoking the connection kills them");
        }
        assertError(refresh(clientId, second.get("refresh_token").asText()), "invalid_grant");
    }

    /** The approval is a consent by the person; the one successful poll is one token.issued by the device's client. */
    static void assertDeviceEvents(String clientId, String userId, JsonNode tokens) {
        var events = server.portcullis().core().events();
        List<Event> consents = events.page(EventQuery.newest(10).ofTypes(Set.of(EventType.CONSENT_GRANTED)).byActor(userId)).events();
        assertEquals(1, consents.size(), consents.toString());
        assertEquals(clientId, consents.getFirst().data().get("client_id"));
        List<Event> issued = events.page(EventQuery.newest(10).ofTypes(Set.of(EventType.TOKEN_ISSUED)).byActor(clientId)).events();
        assertEquals(1, issued.size(), "the refused second poll issued nothing: " + issued);
        Event e = issued.getFirst();
        assertEquals(Actor.Kind.CLIENT, e.actor().kind());
        assertEquals(DeviceFixture.DEVICE_GRANT, e.data().get("grant_type"));
        assertEquals(consents.getFirst().workspaceId(), e.workspaceId());
        assertTrue(e.workspaceId().isPresent());
        String raw = events.page(EventQuery.newest(200)).events().toString();
        assertFalse(raw.contains(tokens.get("access_token").asText()) || raw.contains(tokens.get("refresh_token").asText()));
    }

    @Test
    void pollingFasterThanTheIntervalGetsSlowDownAndFiveSecondsMore() {
        String clientId = device.app("Poller").app().clientId();
        String deviceCode = device.started(clientId).get("device_code").asText();
        assertError(device.poll(clientId, deviceCode), "authorization_pending");
        assertError(device.poll(clientId, deviceCode), "slow_down");
        clock.advance(Duration.ofSeconds(6));
        assertError(device.poll(clientId, deviceCode), "slow_down"); // 6 s < 10 s: now 15 s
        clock.advance(Duration.ofSeconds(16));
        assertError(device.poll(clientId, deviceCode), "authorization_pending");
    }

    @Test
    void deniedDeviceGetsAccessDenied() {
        String clientId = device.app("Denied TV").app().clientId();
        JsonNode started = device.started(clientId);
        DeviceFixture.Person grace = device.person("Grace Hopper");
        Browser.Page done = DeviceFixture.decide(grace.browser(), started.get("user_code").asText(), "deny");
        assertEquals("Device denied", done.doc().selectFirst("#device-done").text());
        assertError(device.poll(clientId, started.get("device_code").asText()), "access_denied");
        assertTrue(server.portcullis().core().connections().listForUser(grace.userId()).isEmpty(), "no connection recorded");
    }

    @Test
    void afterItsLifetimeTheDeviceGetsExpiredTokenAndTheCodeIsRefused() {
        String clientId = device.app("Slow TV").app().clientId();
        JsonNode started = device.started(clientId);
        clock.advance(Duration.ofSeconds(601));
        assertError(device.poll(clientId, started.get("device_code").asText()), "expired_token");
        Browser.Page page = DeviceFixture.consent(device.person("Late Larry").browser(), started.get("user_code").asText());
        assertEquals(400, page.status());
        assertTrue(page.text().contains("not valid, or it has expired"), page.text());
    }

    @Test
    void theTypedCodeIgnoresCaseDashesAndSpaces() {
        String clientId = device.app("Typist").app().clientId();
        String userCode = device.started(clientId).get("user_code").asText();
        Browser person = device.person("Ty Pist").browser();
        Browser.Page form = person.get("/device");
        assertEquals(200, form.status());
        String sloppy = " " + userCode.toLowerCase().replace("-", " ") + " ";
        Browser.Page consent = person.submit(form, "form#device-code", Map.of("user_code", sloppy));
        assertEquals(200, consent.status(), consent.text());
        assertEquals(userCode, consent.doc().selectFirst("#device-user-code").text());
    }

    @Test
    void signedOutPersonLogsInAndReturnsWithTheCodeKept() {
        Browser stranger = new Browser(server);
        Browser.Page page = stranger.get("/device?user_code=BCDF-GHJK");
        assertEquals(303, page.status());
        assertEquals("/login?return_to=%2Fdevice%3Fuser_code%3DBCDF-GHJK", page.location());
    }

    @Test
    void decisionWithoutCsrfIsRefusedAndChangesNothing() {
        String clientId = device.app("Forged").app().clientId();
        JsonNode started = device.started(clientId);
        Browser person = device.person("Victim Vic").browser();
        Browser.Page consent = DeviceFixture.consent(person, started.get("user_code").asText());
        String workspace = consent.doc().selectFirst("input[name=workspace]").attr("value");
        Browser.Page forged = person.post("/device/decision", Map.of("user_code", started.get("user_code").asText(),
                "workspace", workspace, "decision", "approve"));
        assertEquals(403, forged.status());
        assertError(device.poll(clientId, started.get("device_code").asText()), "authorization_pending");
    }

    @Test
    void approvingIntoSomeoneElsesWorkspaceIsRefusedAndChangesNothing() {
        String clientId = device.app("Sneaky").app().clientId();
        JsonNode started = device.started(clientId);
        String victimWorkspace = server.portcullis().core().identity().workspacesOf(device.person("Vera Victim").userId())
                .getFirst().workspace().id();
        DeviceFixture.Person mallory = device.person("Mallory");
        Browser.Page consent = DeviceFixture.consent(mallory.browser(), started.get("user_code").asText());
        Browser.Page refused = mallory.browser().submit(consent, "form#device-consent",
                Map.of("workspace", victimWorkspace, "decision", "approve"));
        assertEquals(404, refused.status(), refused.text());
        assertError(device.poll(clientId, started.get("device_code").asText()), "authorization_pending");
        assertTrue(server.portcullis().core().connections().listForUser(mallory.userId()).isEmpty());
    }

    @Test
    void approvingIntoAWorkspaceThatRequiresASecondFactorSendsASingleFactorPersonToEnrolAndApprovesNothing() {
        String clientId = device.app("Strict CLI").app().clientId();
        JsonNode started = device.started(clientId);
        DeviceFixture.Person ada = device.person("Ada Strict");
        String workspaceId = server.portcullis().core().identity().workspacesOf(ada.userId()).getFirst().workspace().id();
        String token = server.portcullis().core().operators().create("test", dev.portcullis.events.Actor.system()).secret();
        var required = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/manage/v1/workspaces/" + workspaceId + "/second-factor"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"required\": true}")).build());
        assertEquals(200, required.statusCode(), required.body());

        String userCode = started.get("user_code").asText();
        Browser.Page consent = DeviceFixture.consent(ada.browser(), userCode);
        Browser.Page sent = ada.browser().submit(consent, "form#device-consent", Map.of("workspace", workspaceId, "decision", "approve"));
        assertEquals(303, sent.status(), sent.text());
        assertEquals("/account/two-factor?return_to=" + URLEncoder.encode("/device?user_code=" + userCode, StandardCharsets.UTF_8),
                sent.location());
        assertError(device.poll(clientId, started.get("device_code").asText()), "authorization_pending");
        assertTrue(server.portcullis().core().connections().listForUser(ada.userId()).isEmpty(), "no connection made");
    }

    @Test
    void deviceAuthorizationChecksScopesLikeAuthorize() {
        String clientId = device.app("Scoped").app().clientId();
        JsonNode narrowed = device.started(clientId, "openid", "task:read");
        Browser.Page consent = DeviceFixture.consent(device.person("Scope Sam").browser(), narrowed.get("user_code").asText());
        assertTrue(consent.text().contains("task:read") && !consent.text().contains("offline_access"), consent.text());
        HttpResponse<String> unknown = device.start(clientId, "openid", "launch:missiles");
        assertEquals(400, unknown.statusCode());
        assertEquals("invalid_scope", OAuthClient.json(unknown).get("error").asText());
        HttpResponse<String> notAllowed = device.start(clientId, "task:read-write");
        assertEquals("invalid_scope", OAuthClient.json(notAllowed).get("error").asText());
    }

    @Test
    void appsWithoutTheGrantOrWithWrongCredentialsAreRefused() {
        var codeOnly = device.app("Web only", AuthMethod.NONE, EnumSet.of(GrantType.AUTHORIZATION_CODE));
        HttpResponse<String> refused = device.start(codeOnly.app().clientId());
        assertEquals(400, refused.statusCode());
        assertEquals("unauthorized_client", OAuthClient.json(refused).get("error").asText());

        var confidential = device.app("Confidential", AuthMethod.CLIENT_SECRET_BASIC, EnumSet.of(GrantType.DEVICE_CODE));
        HttpResponse<String> noSecret = device.start(confidential.app().clientId());
        assertEquals(401, noSecret.statusCode(), noSecret.body());
        HttpResponse<String> withSecret = device.oauth().post("/oauth2/device_authorization",
                OAuthClient.basic(confidential.app().clientId(), confidential.clientSecret().orElseThrow()), "");
        assertEquals(200, withSecret.statusCode(), withSecret.body());
        // The device_code is bound to its client: another one cannot redeem or even see it.
        String other = device.app("Other").app().clientId();
        assertError(device.poll(other, OAuthClient.json(withSecret).get("device_code").asText()), "invalid_grant");
    }

    @Test
    void discoveryAdvertisesTheEndpointAndTheGrant() {
        JsonNode doc = OAuthClient.json(server.get("/.well-known/openid-configuration"));
        assertEquals(server.uri("/oauth2/device_authorization").toString(), doc.get("device_authorization_endpoint").asText());
        assertTrue(doc.get("grant_types_supported").toString().contains(DeviceFixture.DEVICE_GRANT));
        assertFalse(OAuthClient.json(server.get("/.well-known/oauth-authorization-server")).path("device_authorization_endpoint").isMissingNode());
    }

    static HttpResponse<String> refresh(String clientId, String refreshToken) {
        return device.oauth().token(null, OAuthClient.params("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", refreshToken));
    }

    static void assertError(HttpResponse<String> res, String error) {
        assertEquals(400, res.statusCode(), res.body());
        assertEquals(error, OAuthClient.json(res).get("error").asText(), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
    }
}

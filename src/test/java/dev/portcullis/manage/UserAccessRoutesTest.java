package dev.portcullis.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.Recorded;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator answering an incident: lists a user's connected apps, disconnects one (its tokens
 * die at once, the user's other connections stay), and signs the user out everywhere; each act is
 * in the audit log as the operator's, and another user's connection is never reachable.
 */
@ParameterizedClass
@EnumSource(Db.class)
class UserAccessRoutesTest {
    static final String[] SCOPES = {"object_configuration:read"};

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens tokens;
    static String operator;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        operator = server.portcullis().core().operators().create("incident", Actor.system()).secret();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static HttpResponse<String> manage(String token, String method, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    static boolean active(String accessToken) {
        return OAuthClient.json(oauth.getWithBearer("/v2/self", accessToken)).get("active").asBoolean();
    }

    @Test
    void anOperatorListsAndDisconnectsAUsersAppAndOnlyThatConnectionsTokensDie() {
        UserTokens.Member ada = tokens.member("Ada");
        var first = tokens.issue(ada, tokens.app(SCOPES), SCOPES);
        var second = tokens.issue(ada, tokens.app(SCOPES), SCOPES);
        String base = "/manage/v1/users/" + ada.user().id() + "/connections";

        var listed = manage(operator, "GET", base);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode data = OAuthClient.json(listed).get("data");
        assertEquals(2, data.size(), data.toString());
        JsonNode one = data.get(0);
        assertTrue(List.of(first.connection().id(), second.connection().id()).contains(one.get("id").asText()));
        assertEquals(ada.workspace().id(), one.get("workspace_id").asText());
        assertEquals("object_configuration:read", one.get("scopes").get(0).asText());

        assertEquals(204, manage(operator, "DELETE", base + "/" + first.connection().id()).statusCode());
        assertFalse(active(first.accessToken()), "the disconnected app's token dies at once");
        assertTrue(active(second.accessToken()), "the user's other app keeps working");
        assertEquals(1, OAuthClient.json(manage(operator, "GET", base)).get("data").size());
        Event revoked = Recorded.of(server.portcullis().core(), EventType.CONNECTION_REVOKED).stream()
                .filter(e -> Recorded.target(e).equals("connection:" + first.connection().id())).findFirst().orElseThrow();
        assertEquals(Actor.Kind.OPERATOR, revoked.actor().kind());
        assertEquals("operator", revoked.data().get("by"));

        assertEquals(404, manage(operator, "DELETE", base + "/" + first.connection().id()).statusCode(), "gone already");
    }

    @Test
    void anotherUsersConnectionIsNotFoundAndStaysConnected() {
        UserTokens.Member ada = tokens.member("Ada");
        UserTokens.Member bob = tokens.member("Bob");
        var bobs = tokens.issue(bob, tokens.app(SCOPES), SCOPES);
        var refused = manage(operator, "DELETE", "/manage/v1/users/" + ada.user().id() + "/connections/" + bobs.connection().id());
        assertEquals(404, refused.statusCode());
        assertTrue(active(bobs.accessToken()));
        assertEquals(404, manage(operator, "GET", "/manage/v1/users/no-such-user/connections").statusCode());
        assertEquals(401, manage("pc_op_wrong", "GET", "/manage/v1/users/" + bob.user().id() + "/connections").statusCode());
        assertEquals(401, manage("pc_op_wrong", "DELETE", "/manage/v1/users/" + bob.user().id() + "/sessions").statusCode());
        assertTrue(active(bobs.accessToken()), "a wrong operator token changes nothing");
    }

    @Test
    void anOperatorSignsAUserOutEverywhereAndTheirAppsStayConnected() {
        UserTokens.Member ada = tokens.member("Ada");
        var connected = tokens.issue(ada, tokens.app(SCOPES), SCOPES);
        Browser laptop = new Browser(server);
        Browser phone = new Browser(server);
        assertEquals(303, laptop.logIn(ada.user().email(), UserTokens.PASSWORD).status());
        assertEquals(303, phone.logIn(ada.user().email(), UserTokens.PASSWORD).status());
        Browser bob = new Browser(server);
        bob.signUp("Bob", "bob-" + System.nanoTime() + "@example.com", UserTokens.PASSWORD);

        var ended = manage(operator, "DELETE", "/manage/v1/users/" + ada.user().id() + "/sessions");
        assertEquals(200, ended.statusCode(), ended.body());
        assertEquals(2, OAuthClient.json(ended).get("sessions_ended").asInt());
        assertEquals(303, laptop.get("/account").status(), "signed out");
        assertEquals(303, phone.get("/account").status(), "signed out");
        assertEquals(200, bob.get("/account").status(), "nobody else is");
        assertTrue(active(connected.accessToken()), "apps are disconnected separately");
        Event logout = Recorded.of(server.portcullis().core(), EventType.LOGOUT).stream()
                .filter(e -> Recorded.target(e).equals("user:" + ada.user().id())).findFirst().orElseThrow();
        assertEquals(Actor.Kind.OPERATOR, logout.actor().kind());
        assertEquals(Map.of("by", "operator", "sessions", 2), logout.data());
        assertEquals(0, OAuthClient.json(manage(operator, "DELETE", "/manage/v1/users/" + ada.user().id() + "/sessions"))
                .get("sessions_ended").asInt());
    }
}

package dev.portcullis.examples.taskr.portcullis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.examples.taskr.support.Browser;
import dev.portcullis.examples.taskr.support.ConnectedStage;
import dev.portcullis.examples.taskr.support.PortcullisStandIn;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The home page once connected: tasks, refresh on expiry or 401, and Disconnect. */
class TaskListTest {
    private static final String TASKS = """
            {"data": [
              {"id": "t1", "content_plaintext": "<script>alert(1)</script>", "deadline_at": "2030-01-31T17:00:00Z",
               "is_completed": false, "assignees": [{"workspace_member_id": "m-ada"}, {"referenced_actor_type": "workspace-member", "referenced_actor_id": "m-alan"}]},
              {"id": "t2", "content_plaintext": "Ship Taskr", "deadline_at": null, "is_completed": true,
               "assignees": [{"id": {"workspace_id": "w", "workspace_member_id": "m-ghost"}}]}
            ]}""";
    private static final String MEMBERS = """
            {"data": [
              {"id": "m-ada", "name": "Ada Lovelace"},
              {"id": {"workspace_id": "w", "workspace_member_id": "m-alan"}, "first_name": "Alan", "last_name": "Turing"}
            ]}""";
    private ConnectedStage stage;
    private PortcullisStandIn portcullis;
    private Browser browser;

    @BeforeEach
    void start() {
        stage = new ConnectedStage();
        portcullis = stage.portcullis;
        portcullis.tasksJson = TASKS;
        portcullis.membersJson = MEMBERS;
        browser = stage.browser;
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @Test
    void homeListsTasksWithCompletionAndAssigneeNames() {
        stage.connect();
        String body = browser.get("/").body();
        assertEquals("limit=10&sort=created_at:desc", portcullis.tasksQuery, "the ten latest, newest first");
        assertEquals(2, count(body, "<li class=\"task\""));
        assertTrue(body.contains("<ul id=\"tasks\">"));
        assertTrue(body.contains("Ada Lovelace, Alan Turing"), body);
        assertTrue(body.contains("Unknown"), "a member Taskr cannot name");
        assertTrue(body.contains("due 2030-01-31"));
        assertTrue(body.contains("data-completed=\"true\"") && body.contains("data-completed=\"false\""));
        assertTrue(body.contains("id=\"disconnect\""));
        assertFalse(body.contains("id=\"connect\""));
    }

    @Test
    void taskTextIsEscapedNotMarkup() {
        stage.connect();
        String body = browser.get("/").body();
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body);
        assertFalse(body.contains("<script>"));
    }

    @Test
    void homeWhenAccessTokenRejectedThenRefreshesOnceAndRetries() {
        stage.connect();
        portcullis.expireAccessTokens();
        String body = browser.get("/").body();
        assertEquals(1, portcullis.refreshes.get());
        assertEquals(2, count(body, "<li class=\"task\""));
        assertTrue(body.contains("Portcullis: connected"));
        // The rotated pair was stored: the next page needs no refresh.
        browser.get("/");
        assertEquals(1, portcullis.refreshes.get());
    }

    @Test
    void homeWhenRefreshRefusedThenDisconnectedAndTokensForgotten() {
        stage.connect();
        portcullis.expireAccessTokens();
        portcullis.revokeRefreshTokens();
        String body = browser.get("/").body();
        assertEquals(1, portcullis.refreshes.get(), "one refresh attempt, no loop");
        assertTrue(body.contains("Portcullis: disconnected"));
        assertTrue(body.contains("Your Portcullis connection has ended"));
        assertTrue(body.contains("id=\"connect\""));
        assertEquals(0, stage.rows("connections"));
    }

    @Test
    void homeWhenAccessTokenAboutToExpireThenRefreshesBeforeCalling() {
        portcullis.expiresIn = 5;
        stage.connect();
        String firstAccess = portcullis.issuedTokens.get(0);
        browser.get("/");
        assertEquals(1, portcullis.refreshes.get());
        assertTrue(portcullis.isLive(firstAccess), "the old access token was never presented with a 401");
        assertEquals(1, portcullis.taskCalls.get(), "only the fresh token called the API");
    }

    @Test
    void homeWhenApiFailsThenStillConnectedWithMessageAndTokensKept() {
        stage.connect();
        portcullis.apiStatus = 503;
        String body = browser.get("/").body();
        assertTrue(body.contains("Portcullis: connected"));
        assertTrue(body.contains("Portcullis answered 503 to /v2/tasks"), body);
        assertFalse(body.contains("No tasks in this workspace yet."));
        assertEquals(0, portcullis.refreshes.get());
        assertEquals(1, stage.rows("connections"));
    }

    @Test
    void tokensWithoutExpiryAreUsedAsIs() {
        portcullis.expiresIn = null;
        stage.connect();
        assertEquals(2, count(browser.get("/").body(), "<li class=\"task\""));
        assertEquals(0, portcullis.refreshes.get());
    }

    @Test
    void disconnectRevokesBothTokensAndForgetsThem() {
        stage.connect();
        String access = portcullis.issuedTokens.get(0);
        String refresh = portcullis.issuedTokens.get(1);

        var page = browser.submit("/", "/integrations/portcullis/disconnect", Map.of());
        assertEquals(303, page.status());
        assertEquals(List.of("refresh_token:" + refresh, "access_token:" + access), portcullis.revocations);
        assertFalse(portcullis.isLive(access) || portcullis.isLive(refresh));
        assertEquals(0, stage.rows("connections"));

        String body = browser.get("/").body();
        assertTrue(body.contains("Disconnected from Portcullis."));
        assertTrue(body.contains("Portcullis: disconnected"));
    }

    @Test
    void disconnectWithoutCsrfTokenThen403AndStillConnected() {
        stage.connect();
        assertEquals(403, browser.post("/integrations/portcullis/disconnect", Map.of()).status());
        assertTrue(portcullis.revocations.isEmpty());
        assertEquals(1, stage.rows("connections"));
    }

    private static int count(String body, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(body).results().count();
    }
}

package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.User;
import dev.portcullis.mfa.Totp;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.Recorded;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workspace whose admin requires a second factor: a member without one is sent to enrol before
 * an app is connected to it, a single-factor session steps up, prompt=none gets login_required,
 * and only admins change the setting.
 */
class WorkspaceSecondFactorTest {
    private static final String PASSWORD = CodeFlow.PASSWORD;
    private static final MutableClock clock = MutableClock.startingNow();
    private static final Totp totp = new Totp();
    private static TestServer server;
    private static CodeFlow flow;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE, clock);
        flow = new CodeFlow(server, clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static User user(String email) {
        return server.portcullis().core().identity().authenticate(email, PASSWORD).orElseThrow();
    }

    static String slugOf(String email) {
        return server.portcullis().core().identity().workspacesOf(user(email).id()).getFirst().workspace().slug();
    }

    /** An admin turns the requirement on from the workspace's security page. */
    static void require(Browser admin, String slug) {
        var page = admin.get("/workspaces/" + slug + "/security");
        assertEquals(200, page.status(), page.text());
        var saved = admin.submit(page, "form#workspace-second-factor", Map.of("require_second_factor", "on"));
        assertEquals(303, saved.status(), saved.text());
        assertTrue(required(slug));
    }

    static boolean required(String slug) {
        return server.portcullis().core().database().read(tx -> tx.count(
                "SELECT COUNT(*) AS n FROM mfa_workspace_requirements r JOIN workspaces w ON w.id = r.workspace_id WHERE w.slug = ?",
                slug)) > 0;
    }

    /** Turned off by an operator: a single-factor session cannot turn it off from the page (it is sent to enrol). */
    static void release(String workspaceId) {
        String token = server.portcullis().core().operators().create("test", dev.portcullis.events.Actor.system()).secret();
        var off = manage(token, "PUT", "/manage/v1/workspaces/" + workspaceId + "/second-factor", "{\"required\": false}");
        assertEquals(200, off.statusCode(), off.body());
    }

    static String workspaceIdOf(String email) {
        return server.portcullis().core().identity().workspacesOf(user(email).id()).getFirst().workspace().id();
    }

    @Test
    void aMemberWithoutASecondFactorEnrolsFirstThenStepsUpAndOnlyThenGetsACode() throws Exception {
        var browser = new Browser(server);
        browser.signUp("Ada", "ada-ws@example.com", PASSWORD);
        require(browser, slugOf("ada-ws@example.com"));

        var sent = flow.start(browser, "");
        assertEquals(303, sent.status());
        assertTrue(sent.location().startsWith("/account/two-factor?return_to=%2Fauthorize%2Fcontinue"), sent.location());
        var enrol = browser.get(sent.location());
        byte[] secret = new Base32().decode(enrol.doc().selectFirst("[data-testid=totp-secret]").text());
        var done = browser.follow(browser.submit(enrol, "form#confirm-authenticator", Map.of("code", totp.code(secret, clock.instant()))));
        String back = done.doc().selectFirst("[data-testid=continue]").attr("href");
        assertTrue(back.startsWith("/authorize/continue?handle="), back);
        clock.advance(Duration.ofSeconds(30));

        var person = new CodeFlow.Person(browser, "ada-ws@example.com", Optional.of(secret));
        var outcome = flow.follow(person, browser.get(back));
        assertEquals(List.of("login", "second-factor", "consent"), outcome.forms(), "the single-factor session steps up");
        assertTrue(flow.idToken(outcome).getStringListClaim("amr").contains("mfa"));
    }

    @Test
    void aSingleFactorSessionWithPromptNoneGetsLoginRequiredAndNoCode() {
        var browser = new Browser(server);
        browser.signUp("Ada", "ada-ws-silent@example.com", PASSWORD);
        var person = new CodeFlow.Person(browser, "ada-ws-silent@example.com", Optional.empty());
        flow.authorize(person, ""); // connected once while nothing was required
        require(browser, slugOf("ada-ws-silent@example.com"));
        var outcome = flow.authorize(person, "&prompt=none");
        assertEquals(Optional.of("login_required"), outcome.param("error"));
        assertFalse(outcome.param("code").isPresent());

        release(workspaceIdOf("ada-ws-silent@example.com"));
        assertTrue(flow.authorize(person, "&prompt=none").param("code").isPresent(), "no longer required");
    }

    @Test
    void onlyAdminsChangeTheRequirement() {
        var ada = new Browser(server);
        ada.signUp("Ada", "ada-ws-admin@example.com", PASSWORD);
        var bob = new Browser(server);
        bob.signUp("Bob", "bob-ws@example.com", PASSWORD);
        String slug = slugOf("ada-ws-admin@example.com");
        var workspaceId = server.portcullis().core().identity().workspacesOf(user("ada-ws-admin@example.com").id()).getFirst().workspace().id();
        server.portcullis().core().identity().addMember(user("ada-ws-admin@example.com").id(), workspaceId, "bob-ws@example.com", Role.MEMBER);

        var page = bob.get("/workspaces/" + slug + "/security");
        assertEquals(200, page.status());
        assertTrue(page.doc().select("form#workspace-second-factor").isEmpty(), "a member sees no form");
        var refused = bob.post("/workspaces/" + slug + "/security", Map.of("csrf", csrfOf(bob), "require_second_factor", "on"));
        assertEquals(403, refused.status(), refused.text());
        assertEquals("Members may sign in with a password alone.",
                ada.get("/workspaces/" + slug + "/security").doc().selectFirst("[data-testid=second-factor-required]").text());
        var outsider = new Browser(server);
        outsider.signUp("Charles", "charles-ws@example.com", PASSWORD);
        assertEquals(404, outsider.get("/workspaces/" + slug + "/security").status(), "not a member: not found");
    }

    @Test
    void theWorkspacePagesSendASingleFactorMemberToEnrolThenToLogInWithBothAndOnlyThenOpen() {
        var ada = new Browser(server);
        ada.signUp("Ada", "ada-ws-pages@example.com", PASSWORD);
        String slug = slugOf("ada-ws-pages@example.com");
        require(ada, slug);
        Event changed = Recorded.of(server.portcullis().core(), EventType.WORKSPACE_SECOND_FACTOR_CHANGED).stream()
                .filter(e -> e.workspaceId().equals(Optional.of(workspaceIdOf("ada-ws-pages@example.com")))).findFirst().orElseThrow();
        assertEquals(Optional.of(user("ada-ws-pages@example.com").id()), changed.actor().id(), "the admin who turned it on");

        for (String page : List.of("", "/api-keys", "/webhooks", "/activity", "/security")) {
            var sent = ada.get("/workspaces/" + slug + page);
            assertEquals(303, sent.status(), page);
            assertEquals("/account/two-factor?return_to=" + URLEncoder.encode("/workspaces/" + slug + page, StandardCharsets.UTF_8),
                    sent.location(), page);
        }
        String csrf = csrfOf(ada);
        var post = ada.post("/workspaces/" + slug + "/members", Map.of("csrf", csrf, "email", "bob-ws-pages@example.com", "role", "member"));
        assertEquals(303, post.status());
        assertTrue(post.location().startsWith("/account/two-factor?return_to="), post.location());
        assertEquals(1, server.portcullis().core().identity().membersOf(user("ada-ws-pages@example.com").id(),
                workspaceIdOf("ada-ws-pages@example.com")).size(), "nobody added on a single-factor session");
        var off = ada.post("/workspaces/" + slug + "/security", Map.of("csrf", csrf));
        assertEquals(303, off.status());
        assertTrue(off.location().startsWith("/account/two-factor"), "a single-factor session cannot turn it off");
        assertTrue(required(slug));

        var enrol = ada.get("/account/two-factor?return_to=/workspaces/" + slug);
        byte[] secret = new Base32().decode(enrol.doc().selectFirst("[data-testid=totp-secret]").text());
        ada.submit(enrol, "form#confirm-authenticator", Map.of("code", totp.code(secret, clock.instant())));
        clock.advance(Duration.ofSeconds(30));
        var again = ada.get("/workspaces/" + slug + "/api-keys");
        assertEquals(303, again.status());
        assertEquals("/login?return_to=" + URLEncoder.encode("/workspaces/" + slug + "/api-keys", StandardCharsets.UTF_8), again.location(),
                "with a factor now, the single-factor session logs in again with both");
        assertEquals(303, ada.get("/account").status(), "and that session has ended");

        var login = ada.logIn("ada-ws-pages@example.com", PASSWORD);
        var second = ada.follow(login);
        var in = ada.submit(second, "form#second-factor", Map.of("code", totp.code(secret, clock.instant())));
        assertEquals(303, in.status(), in.text());
        assertEquals(200, ada.get("/workspaces/" + slug + "/api-keys").status(), "a two-factor session opens the workspace");
        assertEquals(200, ada.get("/workspaces/" + slug).status());
    }

    /** The session's CSRF token, from a form of the account page. */
    static String csrfOf(Browser browser) {
        return browser.get("/account").doc().selectFirst("input[name=csrf]").attr("value");
    }

    @Test
    void operatorsReadAndSetTheRequirementUnderManage() throws Exception {
        var browser = new Browser(server);
        browser.signUp("Ada", "ada-ws-manage@example.com", PASSWORD);
        String id = server.portcullis().core().identity().workspacesOf(user("ada-ws-manage@example.com").id()).getFirst().workspace().id();
        String token = server.portcullis().core().operators().create("test", dev.portcullis.events.Actor.system()).secret();
        String path = "/manage/v1/workspaces/" + id + "/second-factor";
        assertEquals("{\"required\":false}", manage(token, "GET", path, null).body());
        var set = manage(token, "PUT", path, "{\"required\": true}");
        assertEquals(200, set.statusCode(), set.body());
        assertTrue(required(slugOf("ada-ws-manage@example.com")));
        var changed = Recorded.of(server.portcullis().core(), EventType.WORKSPACE_SECOND_FACTOR_CHANGED).stream()
                .filter(e -> e.workspaceId().equals(Optional.of(id))).findFirst().orElseThrow();
        assertEquals(Actor.Kind.OPERATOR, changed.actor().kind());
        assertEquals(Optional.of(id), changed.workspaceId());
        assertEquals(Map.of("required", true), changed.data());
        assertEquals(200, manage(token, "PUT", path, "{\"required\": true}").statusCode());
        assertEquals(1, Recorded.of(server.portcullis().core(), EventType.WORKSPACE_SECOND_FACTOR_CHANGED).stream()
                .filter(e -> e.workspaceId().equals(Optional.of(id))).count(), "no event when nothing changed");
        assertEquals(400, manage(token, "PUT", path, "{}").statusCode(), "required is required");
        assertEquals(404, manage(token, "GET", "/manage/v1/workspaces/no-such/second-factor", null).statusCode());
        assertEquals(401, manage("pc_op_wrong", "GET", path, null).statusCode());
    }

    static java.net.http.HttpResponse<String> manage(String token, String method, String path, String json) {
        var builder = java.net.http.HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token);
        builder = json == null ? builder.method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                : builder.header("Content-Type", "application/json").method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json));
        return server.send(builder.build());
    }
}

package dev.portcullis.identity;

import static dev.portcullis.support.Recorded.all;
import static dev.portcullis.support.Recorded.of;
import static dev.portcullis.support.Recorded.one;
import static dev.portcullis.support.Recorded.rawData;
import static dev.portcullis.support.Recorded.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign-up, login, failed and throttled logins, logout, and the workspace pages' membership acts
 * write their audit events, over real HTTP: who (with the request's address and user agent), where,
 * about what, and small facts; never a password, and nothing for what failed or was refused.
 */
class SignInEventsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String AGENT = "EventsTest/1.0 (audit)";

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpLoginFailuresAndLogoutAreRecordedWithTheirOriginAndNoPassword(Db db) {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            var ada = new Browser(server).as(AGENT);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            User user = core.identity().findByEmail("ada@example.com").orElseThrow();
            String workspaceId = core.identity().workspacesOf(user.id()).getFirst().workspace().id();

            Event signup = one(core, EventType.SIGNUP);
            assertActor(signup, Actor.Kind.USER, user.id());
            assertEquals(Optional.of(workspaceId), signup.workspaceId());
            assertEquals("user:" + user.id(), target(signup));
            assertEquals(Map.of("method", "password"), signup.data());
            Event created = one(core, EventType.WORKSPACE_CREATED);
            assertActor(created, Actor.Kind.USER, user.id());
            assertEquals("workspace:" + workspaceId, target(created));
            assertEquals("ada", created.data().get("slug"));
            Event admin = one(core, EventType.MEMBER_ADDED);
            assertEquals("user:" + user.id(), target(admin));
            assertEquals(Map.of("role", "admin"), admin.data());
            assertTrue(of(core, EventType.LOGIN_SUCCEEDED).isEmpty(), "sign-up is its own event, not a login");

            ada.submit(ada.get("/account"), "form[action=/logout]", Map.of());
            Event logout = one(core, EventType.LOGOUT);
            assertActor(logout, Actor.Kind.USER, user.id());
            assertEquals("user:" + user.id(), target(logout));

            assertEquals(400, ada.logIn("ada@example.com", "wrong password one").status());
            Event wrong = one(core, EventType.LOGIN_FAILED);
            assertActor(wrong, Actor.Kind.ANONYMOUS, null);
            assertEquals("user:" + user.id(), target(wrong));
            assertEquals(Map.of("reason", "wrong_password", "method", "password"), wrong.data());
            assertEquals(Optional.empty(), wrong.workspaceId());

            assertEquals(400, ada.logIn(" NoBody@Example.COM ", "some secret guess").status());
            Event unknown = of(core, EventType.LOGIN_FAILED).getLast();
            assertActor(unknown, Actor.Kind.ANONYMOUS, null);
            assertEquals("", target(unknown));
            assertEquals(Map.of("reason", "unknown_account", "email", "nobody@example.com", "method", "password"), unknown.data());
            assertTrue(of(core, EventType.LOGIN_SUCCEEDED).isEmpty(), "a failed login is no login");

            assertEquals(303, ada.logIn("ada@example.com", PASSWORD).status());
            Event login = one(core, EventType.LOGIN_SUCCEEDED);
            assertActor(login, Actor.Kind.USER, user.id());
            assertEquals("user:" + user.id(), target(login));
            assertEquals(Map.of("method", "password", "amr", List.of("pwd")), login.data());

            String raw = rawData(core);
            for (String secret : List.of(PASSWORD, "wrong password one", "some secret guess")) {
                assertFalse(raw.contains(secret), "a password in the log: " + raw);
            }
            assertFalse(raw.contains("pc_sess_"), "a session token in the log");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aThrottledAccountIsRecordedAsLockedOncePerLockNotPerRefusedRequest(Db db) {
        var config = ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE", "2")).withStorage(TestDatabases.fresh(db));
        try (var server = TestServer.start(config)) {
            Core core = server.portcullis().core();
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            String adaId = core.identity().findByEmail("ada@example.com").orElseThrow().id();
            var mallory = new Browser(server).as(AGENT);
            int refused = 0;
            for (int i = 0; refused < 3; i++) {
                assertTrue(i < 30, "never throttled");
                if (mallory.logIn("ada@example.com", "guess " + i).status() == 429) refused++;
            }
            Event locked = one(core, EventType.LOGIN_LOCKED);
            assertActor(locked, Actor.Kind.ANONYMOUS, null);
            assertEquals("user:" + adaId, target(locked));
            assertEquals("throttled", locked.data().get("reason"));
            assertTrue(((Number) locked.data().get("retry_after")).longValue() >= 1, locked.data().toString());
            assertTrue(of(core, EventType.LOGIN_FAILED).stream().allMatch(e -> e.data().get("reason").equals("wrong_password")));
            assertTrue(of(core, EventType.LOGIN_SUCCEEDED).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void workspacePagesRecordTheWorkspaceAndEachMemberChangeByTheAdminButNotARefusedOne(Db db) {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            var ada = new Browser(server).as(AGENT);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            new Browser(server).signUp("Bob", "bob@example.com", PASSWORD);
            String adaId = core.identity().findByEmail("ada@example.com").orElseThrow().id();
            String bobId = core.identity().findByEmail("bob@example.com").orElseThrow().id();
            int before = all(core).size();

            assertEquals(303, ada.submit(ada.get("/workspaces"), "form#create-workspace", Map.of("name", "Acme", "slug", "acme")).status());
            String acme = core.identity().findWorkspaceBySlug("acme").orElseThrow().id();
            Event created = of(core, EventType.WORKSPACE_CREATED).getLast();
            assertActor(created, Actor.Kind.USER, adaId);
            assertEquals(Optional.of(acme), created.workspaceId());
            assertEquals("workspace:" + acme, target(created));
            assertEquals(Map.of("slug", "acme", "name", "Acme"), created.data());

            assertEquals(303, ada.submit(ada.get("/workspaces/acme"), "form#add-member", Map.of("email", "bob@example.com")).status());
            var again = ada.submit(ada.get("/workspaces/acme"), "form#add-member", Map.of("email", "bob@example.com"));
            assertEquals(400, again.status(), "a duplicate add is refused");
            List<Event> added = of(core, EventType.MEMBER_ADDED).stream()
                    .filter(e -> target(e).equals("user:" + bobId) && e.workspaceId().equals(Optional.of(acme))).toList();
            assertEquals(1, added.size(), "the refused add wrote nothing: " + added);
            assertActor(added.getFirst(), Actor.Kind.USER, adaId);
            assertEquals(Optional.of(acme), added.getFirst().workspaceId());
            assertEquals(Map.of("role", "member"), added.getFirst().data());

            var page = ada.get("/workspaces/acme");
            String bobRole = "form[action=/workspaces/acme/members/" + bobId + "/role]";
            assertEquals(303, ada.submit(page, bobRole, Map.of("role", "admin")).status());
            Event changed = one(core, EventType.MEMBER_ROLE_CHANGED);
            assertActor(changed, Actor.Kind.USER, adaId);
            assertEquals(Optional.of(acme), changed.workspaceId());
            assertEquals("user:" + bobId, target(changed));
            assertEquals(Map.of("from", "member", "to", "admin"), changed.data());

            page = ada.get("/workspaces/acme");
            assertEquals(303, ada.submit(page, bobRole.replace("/role", "/remove"), Map.of()).status());
            Event removed = one(core, EventType.MEMBER_REMOVED);
            assertActor(removed, Actor.Kind.USER, adaId);
            assertEquals("user:" + bobId, target(removed));
            assertEquals(Map.of("role", "admin"), removed.data());

            // The last admin cannot leave: refused, so no event.
            page = ada.get("/workspaces/acme");
            String adaRole = "form[action=/workspaces/acme/members/" + adaId + "/role]";
            assertEquals(409, ada.submit(page, adaRole, Map.of("role", "member")).status());
            assertEquals(1, of(core, EventType.MEMBER_ROLE_CHANGED).size());
            assertEquals(before + 5, all(core).size(), "workspace, its admin, bob added, promoted, removed");
        }
    }

    private static void assertActor(Event e, Actor.Kind kind, String id) {
        assertEquals(kind, e.actor().kind(), e.toString());
        assertEquals(Optional.ofNullable(id), e.actor().id(), e.toString());
        assertEquals(Optional.of("127.0.0.1"), e.actor().address(), e.toString());
        assertEquals(Optional.of(AGENT), e.actor().userAgent(), e.toString());
    }
}

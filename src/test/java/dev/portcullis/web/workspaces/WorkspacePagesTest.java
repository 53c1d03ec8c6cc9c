package dev.portcullis.web.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Workspace pages through the real forms, on both databases. Ada's first workspace has slug "ada". */
class WorkspacePagesTest {
    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @EnumSource(Db.class)
    void createWorkspaceThenItIsListedAndShown(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            var created = ada.submit(ada.get("/workspaces"), "form#create-workspace",
                    Map.of("name", "Acme Corp", "slug", "acme", "logo_url", "https://acme.example/logo.png"));
            assertTrue(created.location().startsWith("/workspaces/acme?flash="), created.location());
            var page = ada.follow(created);
            assertEquals(200, page.status());
            assertEquals("Acme Corp", page.doc().selectFirst("h1").text());
            assertEquals("https://acme.example/logo.png", page.doc().selectFirst("img.logo").attr("src"));
            var list = ada.get("/workspaces");
            assertEquals(List.of("Acme Corp", "Ada's workspace"), list.doc().select("tbody td:first-child a").eachText());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createWorkspaceWithTakenSlugShowsTheFormAgain(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            var again = ada.submit(ada.get("/workspaces"), "form#create-workspace", Map.of("name", "Clash", "slug", "ada"));
            assertEquals(400, again.status());
            assertEquals("That slug is taken", again.doc().selectFirst("[role=alert]").text());
            assertEquals("Clash", again.doc().selectFirst("input[name=name]").attr("value"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createWorkspaceWithoutCsrfIsForbiddenAndCreatesNothing(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            assertEquals(403, ada.post("/workspaces", Map.of("name", "Sneaky", "slug", "sneaky")).status());
            assertEquals(403, ada.post("/workspaces", Map.of("name", "Sneaky", "slug", "sneaky", "csrf", "guess")).status());
            assertEquals(1L, workspaces(server));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void adminAddsMemberChangesRoleAndRemovesThem(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            new Browser(server).signUp("Bob", "bob@example.com", PASSWORD);
            var added = ada.submit(ada.get("/workspaces/ada"), "form#add-member", Map.of("email", "bob@example.com"));
            assertTrue(added.location().startsWith("/workspaces/ada?flash="), added.location());
            var page = ada.follow(added);
            assertEquals("Member added.", page.doc().selectFirst("#members [data-testid=notice]").text());
            assertEquals(List.of("Ada", "Bob"), page.doc().select("tbody td:first-child").eachText());
            String bobRole = roleFormOf(page, "Bob");
            var promoted = ada.submit(page, bobRole, Map.of("role", "admin"));
            assertEquals(303, promoted.status());
            page = ada.follow(promoted);
            assertEquals("admin", page.doc().selectFirst(bobRole + " option[selected]").attr("value"));
            var removed = ada.submit(page, bobRole.replace("/role", "/remove"), Map.of());
            assertEquals(303, removed.status());
            assertEquals(List.of("Ada"), ada.follow(removed).doc().select("tbody td:first-child").eachText());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void lastAdminCannotDemoteThemselves(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            var page = ada.get("/workspaces/ada");
            var refused = ada.submit(page, roleFormOf(page, "Ada"), Map.of("role", "member"));
            assertEquals(409, refused.status());
            assertEquals("A workspace needs at least one admin", refused.doc().selectFirst("[role=alert]").text());
            assertEquals(1L, admins(server));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void memberActingAsAdminIsForbiddenAndNothingChanges(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            var bob = new Browser(server);
            bob.signUp("Bob", "bob@example.com", PASSWORD);
            new Browser(server).signUp("Cy", "cy@example.com", PASSWORD);
            ada.submit(ada.get("/workspaces/ada"), "form#add-member", Map.of("email", "bob@example.com"));
            var asMember = bob.get("/workspaces/ada");
            assertEquals(200, asMember.status());
            assertNull(asMember.doc().selectFirst("form#add-member"), "members see no admin forms");
            String csrf = asMember.doc().selectFirst("form[action=/logout] input[name=csrf]").attr("value");
            String bobId = userId(server, "bob@example.com");
            String adaId = userId(server, "ada@example.com");
            var attempts = List.of(
                    bob.post("/workspaces/ada/members", Map.of("csrf", csrf, "email", "cy@example.com", "role", "admin")),
                    bob.post("/workspaces/ada/members/" + bobId + "/role", Map.of("csrf", csrf, "role", "admin")),
                    bob.post("/workspaces/ada/members/" + adaId + "/remove", Map.of("csrf", csrf, "confirm", "yes")));
            for (var attempt : attempts) {
                assertEquals(403, attempt.status(), attempt.text());
                assertEquals("text/html; charset=utf-8", attempt.header("Content-Type"));
            }
            assertEquals(2L, members(server, "ada"));
            assertEquals(1L, admins(server));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void strangerTouchingAWorkspaceGetsNotFoundLikeAMissingOne(Db db) {
        try (var server = TestServer.start(db)) {
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            var eve = new Browser(server);
            eve.signUp("Eve", "eve@example.com", PASSWORD);
            String csrf = eve.get("/account").doc().selectFirst("form[action=/logout] input[name=csrf]").attr("value");
            String adaId = userId(server, "ada@example.com");
            var attempts = List.of(
                    eve.get("/workspaces/ada"),
                    eve.get("/workspaces/no-such-workspace"),
                    eve.post("/workspaces/ada/members", Map.of("csrf", csrf, "email", "eve@example.com", "role", "admin")),
                    eve.post("/workspaces/ada/members/" + adaId + "/remove", Map.of("csrf", csrf)));
            for (var attempt : attempts) {
                assertEquals(404, attempt.status(), attempt.text());
                assertTrue(attempt.text().contains("Workspace not found"), attempt.text());
            }
            assertEquals(1L, members(server, "ada"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void memberActionWithoutCsrfIsForbidden(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            new Browser(server).signUp("Bob", "bob@example.com", PASSWORD);
            assertEquals(403, ada.post("/workspaces/ada/members", Map.of("email", "bob@example.com", "role", "member")).status());
            assertEquals(1L, members(server, "ada"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void stylesheetIsServedPubliclyCacheable(Db db) {
        try (var server = TestServer.start(db)) {
            var css = new Browser(server).get("/assets/portcullis.css");
            assertEquals(200, css.status());
            assertEquals("text/css; charset=utf-8", css.header("Content-Type"));
            assertEquals("public, max-age=3600", css.header("Cache-Control"));
            assertNotNull(css.response().body());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void removeWithoutItsConfirmStepChangesNothingAndAReloadAfterRemovingRemovesNothingMore(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            new Browser(server).signUp("Bob", "bob@example.com", PASSWORD);
            ada.submit(ada.get("/workspaces/ada"), "form#add-member", Map.of("email", "bob@example.com"));
            var page = ada.get("/workspaces/ada");
            String remove = roleFormOf(page, "Bob").replace("/role", "/remove");
            assertNotNull(page.doc().selectFirst("details.confirm " + remove + " input[name=confirm][value=yes]"));
            String csrf = page.doc().selectFirst("form[action=/logout] input[name=csrf]").attr("value");
            var oneStep = ada.post(page.doc().selectFirst(remove).attr("action"), Map.of("csrf", csrf));
            assertEquals(400, oneStep.status(), oneStep.text());
            assertTrue(oneStep.text().contains("Confirm that you want to remove this member"), oneStep.text());
            assertEquals(2L, members(server, "ada"));

            var removed = ada.submit(page, remove, Map.of());
            assertEquals(303, removed.status());
            var after = ada.follow(removed);
            assertEquals("Member removed.", after.doc().selectFirst("#members [data-testid=notice]").text());
            var reload = ada.get(removed.location());
            assertNull(reload.doc().selectFirst("[data-testid=notice]"), "the notice is shown once");
            assertEquals(1L, members(server, "ada"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createWorkspaceThenReloadCreatesNoSecondOne(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            long before = workspaces(server);
            var created = ada.submit(ada.get("/workspaces"), "form#create-workspace", Map.of("name", "Acme", "slug", "acme"));
            assertEquals(303, created.status());
            assertEquals("Workspace created.", ada.follow(created).doc().selectFirst("#overview [data-testid=notice]").text());
            assertEquals(200, ada.get(created.location()).status());
            assertEquals(before + 1, workspaces(server));
        }
    }

    private static String roleFormOf(Browser.Page page, String name) {
        var row = page.doc().select("tbody tr").stream().filter(r -> r.child(0).text().equals(name)).findFirst().orElseThrow();
        return "form[action=" + row.selectFirst("form[action$=/role]").attr("action") + "]";
    }

    private static String userId(TestServer server, String email) {
        return server.portcullis().database().read(tx -> tx.queryOne("SELECT id FROM users WHERE email_lower = ?", r -> r.text("id"), email)).orElseThrow();
    }

    private static long members(TestServer server, String slug) {
        return server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE w.slug = ?", slug));
    }

    private static long admins(TestServer server) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM memberships WHERE role = 'admin' AND workspace_id IN (SELECT id FROM workspaces WHERE slug = 'ada')"));
    }

    private static long workspaces(TestServer server) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM workspaces"));
    }
}

package dev.portcullis.web.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.identity.Role;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Workspace API-key pages through their real forms, with the keys tried on /v2/self, on both databases. */
@ParameterizedClass
@EnumSource(Db.class)
class ApiKeyPagesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    @Parameter
    Db db;

    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A signed-in admin of their own new workspace, whose API-key page is {@code path}. */
    private record Admin(Browser browser, String email, String name, String slug, String path) {}

    private record User(Browser browser, String email) {}

    private static User user(String name) {
        int n = USERS.incrementAndGet();
        String email = name.toLowerCase() + n + "@example.com";
        var browser = new Browser(server);
        browser.signUp(name + " " + n, email, PASSWORD);
        return new User(browser, email);
    }

    private static Admin admin() {
        User u = user("Ada");
        var identity = server.portcullis().core().identity();
        String userId = identity.findByEmail(u.email()).orElseThrow().id();
        String slug = identity.workspacesOf(userId).getFirst().workspace().slug();
        String name = identity.findUser(userId).orElseThrow().name();
        return new Admin(u.browser(), u.email(), name, slug, "/workspaces/" + slug + "/api-keys");
    }

    private static String create(Admin a, Map<String, String> fields) {
        var posted = a.browser().submit(a.browser().get(a.path()), "form#create-api-key", fields);
        assertEquals(303, posted.status(), posted.text());
        assertTrue(posted.location().startsWith(a.path() + "?flash="), posted.location());
        var page = a.browser().follow(posted);
        assertEquals(200, page.status(), page.text());
        return page.doc().selectFirst("#keys [data-testid=api-key]").text();
    }

    private static JsonNode self(String key) {
        var res = server.send(HttpRequest.newBuilder(server.uri("/v2/self")).header("Authorization", "Bearer " + key).GET().build());
        assertEquals(200, res.statusCode(), res.body());
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError(res.body(), e);
        }
    }

    private static long keys() {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM api_keys"));
    }

    @Test
    void adminCreatesAKeyThatIsShownOnceAndWorksOnTheApi() {
        Admin a = admin();
        var form = a.browser().get(a.path());
        assertEquals(200, form.status());
        assertTrue(form.doc().select("form#create-api-key fieldset.scopes input[checked]").isEmpty(), "no scope ticked by default");
        assertNull(form.doc().selectFirst("form#create-api-key input[name=scope.openid]"), "user scopes are not offered to a key");
        String key = create(a, Map.of("name", "ci", "scope.task:read", "on", "scope.user_management:read", "on"));
        assertTrue(key.startsWith("sk_"), key);

        JsonNode self = self(key);
        assertTrue(self.get("active").asBoolean());
        assertEquals("task:read user_management:read", self.get("scope").asText());
        assertEquals(a.slug(), self.get("workspace_slug").asText());

        var list = a.browser().get(a.path());
        assertNull(list.doc().selectFirst("[data-testid=api-key]"));
        assertFalse(list.response().body().contains(key), "a GET never shows the key");
        var row = list.doc().selectFirst("table.api-keys tbody tr");
        assertTrue(row.child(0).text().startsWith("ci"));
        assertEquals("task:read user_management:read", row.child(1).text());
        assertEquals(a.name(), row.child(2).text());
        assertTrue(row.child(3).text().endsWith("UTC"));
        assertEquals("never", row.child(5).text());
        long raw = server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM api_keys WHERE key_hash = ?", key));
        assertEquals(0L, raw, "only a hash is stored");
    }

    @Test
    void aKeyWithAnExpiryDateListsIt() {
        Admin a = admin();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        String key = create(a, Map.of("name", "temp", "expires_at", day.toString()));
        assertTrue(self(key).get("active").asBoolean());
        assertEquals(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond(), self(key).get("exp").asLong());
        assertEquals(day + " 00:00 UTC", a.browser().get(a.path()).doc().selectFirst("table.api-keys tbody tr").child(5).text());
    }

    @Test
    void editRenamesAndRescopesTheKeyForItsNextRequest() {
        Admin a = admin();
        String key = create(a, Map.of("name", "ci", "scope.task:read", "on"));
        var list = a.browser().get(a.path());
        var edit = a.browser().get(list.doc().selectFirst("table.api-keys a[href^=" + a.path() + "/]").attr("href"));
        assertEquals(200, edit.status());
        assertEquals("ci", edit.doc().selectFirst("input#key-name").attr("value"));
        assertEquals(List.of("scope.task:read"), edit.doc().select("fieldset.scopes input[checked]").eachAttr("name"));
        var saved = a.browser().submit(edit, "form#edit-api-key", Map.of("name", "deploy", "scope.task:read", "", "scope.note:read", "on"));
        assertEquals(303, saved.status(), saved.text());
        assertTrue(saved.location().startsWith(a.path() + "?flash="), saved.location());
        assertEquals("note:read", self(key).get("scope").asText());
        var listed = a.browser().follow(saved);
        assertTrue(listed.doc().selectFirst("table.api-keys tbody tr").child(0).text().startsWith("deploy"));
        assertEquals("Saved changes to “deploy”.", listed.doc().selectFirst("#keys [data-testid=notice]").text());
    }

    @Test
    void revokeStopsTheKeyAtOnce() {
        Admin a = admin();
        String key = create(a, Map.of("name", "ci", "scope.task:read", "on"));
        assertTrue(self(key).get("active").asBoolean());
        var list = a.browser().get(a.path());
        var edit = a.browser().get(list.doc().selectFirst("table.api-keys a").attr("href"));
        var revoked = a.browser().submit(edit, "form#revoke-api-key", Map.of());
        assertEquals(303, revoked.status(), revoked.text());
        assertFalse(self(key).get("active").asBoolean());
        assertEquals(1, self(key).size(), "an inactive key says nothing else");
        assertTrue(a.browser().follow(revoked).doc().select("table.api-keys tbody tr").isEmpty());
    }

    @Test
    void refusedKeysShowTheReasonNextToTheField() {
        Admin a = admin();
        create(a, Map.of("name", "ci"));
        long before = keys();
        var taken = a.browser().submit(a.browser().get(a.path()), "form#create-api-key", Map.of("name", "ci", "scope.note:read", "on"));
        assertEquals(409, taken.status());
        assertEquals("This workspace already has an API key with that name", taken.doc().selectFirst("#name-error").text());
        assertTrue(taken.doc().selectFirst("input[name=scope.note:read]").hasAttr("checked"), "ticks are kept");
        var past = a.browser().submit(a.browser().get(a.path()), "form#create-api-key", Map.of("name", "old", "expires_at", "2001-01-01"));
        assertEquals(400, past.status());
        assertEquals("Expiry must be in the future", past.doc().selectFirst("#expires_at-error").text());
        assertEquals("2001-01-01", past.doc().selectFirst("input#key-expiry").attr("value"));
        var garbled = a.browser().post(a.path(), Map.of("csrf", csrf(a.browser()), "name", "x", "expires_at", "soon"));
        assertEquals(400, garbled.status());
        assertNotNull(garbled.doc().selectFirst("#expires_at-error"));
        var unknown = a.browser().post(a.path(), Map.of("csrf", csrf(a.browser()), "name", "y", "scope.nope:read", "on"));
        assertEquals(303, unknown.status(), "a box the page did not offer is ignored");
        assertEquals(before + 1, keys());
    }

    @Test
    void aMemberWhoIsNotAdminIsForbidden() {
        Admin a = admin();
        create(a, Map.of("name", "ci", "scope.task:read", "on"));
        User bob = user("Bob");
        var identity = server.portcullis().core().identity();
        String workspaceId = identity.findWorkspaceBySlug(a.slug()).orElseThrow().id();
        server.portcullis().core().provisioning().addMember(dev.portcullis.events.Actor.system(), workspaceId, bob.email(), Role.MEMBER);
        String keyId = keyIdOf(a);
        String csrf = csrf(bob.browser());
        assertNull(bob.browser().get("/workspaces/" + a.slug()).doc().selectFirst("a[href$=/api-keys]"), "members see no link");
        var attempts = List.of(
                bob.browser().get(a.path()),
                bob.browser().get(a.path() + "/" + keyId),
                bob.browser().post(a.path(), Map.of("csrf", csrf, "name", "mine", "scope.task:read-write", "on")),
                bob.browser().post(a.path() + "/" + keyId, Map.of("csrf", csrf, "name", "renamed")),
                bob.browser().post(a.path() + "/" + keyId + "/revoke", Map.of("csrf", csrf)));
        for (var attempt : attempts) {
            assertEquals(403, attempt.status(), attempt.text());
            assertEquals("text/html; charset=utf-8", attempt.header("Content-Type"));
        }
        assertEquals(List.of("ci"), keyNames(a));
    }

    @Test
    void aNonMemberGetsNotFoundLikeAMissingWorkspace() {
        Admin a = admin();
        create(a, Map.of("name", "ci"));
        User eve = user("Eve");
        String keyId = keyIdOf(a);
        String csrf = csrf(eve.browser());
        var attempts = List.of(
                eve.browser().get(a.path()),
                eve.browser().get("/workspaces/no-such-workspace/api-keys"),
                eve.browser().get(a.path() + "/" + keyId),
                eve.browser().post(a.path(), Map.of("csrf", csrf, "name", "mine")),
                eve.browser().post(a.path() + "/" + keyId, Map.of("csrf", csrf, "name", "renamed")),
                eve.browser().post(a.path() + "/" + keyId + "/revoke", Map.of("csrf", csrf)));
        for (var attempt : attempts) {
            assertEquals(404, attempt.status(), attempt.text());
            assertTrue(attempt.text().contains("Workspace not found"), attempt.text());
        }
        assertEquals(List.of("ci"), keyNames(a));
    }

    @Test
    void formsWithoutCsrfAreForbiddenAndChangeNothing() {
        Admin a = admin();
        String key = create(a, Map.of("name", "ci", "scope.task:read", "on"));
        String keyId = keyIdOf(a);
        long before = keys();
        var attempts = List.of(
                a.browser().post(a.path(), Map.of("name", "sneaky")),
                a.browser().post(a.path() + "/" + keyId, Map.of("name", "renamed", "csrf", "x".repeat(43))),
                a.browser().post(a.path() + "/" + keyId + "/revoke", Map.of()));
        for (var attempt : attempts) assertEquals(403, attempt.status(), attempt.text());
        assertEquals(before, keys());
        assertEquals(List.of("ci"), keyNames(a));
        assertTrue(self(key).get("active").asBoolean());
    }

    @Test
    void theWorkspacePageAndTheDashboardLinkAdminsToTheirKeys() {
        Admin a = admin();
        assertNotNull(a.browser().get("/workspaces/" + a.slug()).doc().selectFirst("a[href=" + a.path() + "]"));
        assertNotNull(a.browser().get("/dashboard").doc().selectFirst("a[href=" + a.path() + "]"));
        assertNotNull(a.browser().get("/account").doc().selectFirst("nav a[href=/dashboard]"));
        var page = a.browser().get(a.path());
        for (var field : page.doc().select("main input:not([type=hidden])")) {
            assertNotNull(page.doc().selectFirst("label[for=" + field.id() + "]"), "no label for " + field.id());
        }
        assertTrue(page.doc().select("script, [style]").isEmpty());
    }

    @Test
    void revokeWithoutItsConfirmStepChangesNothing() {
        Admin a = admin();
        String key = create(a, Map.of("name", "ci", "scope.task:read", "on"));
        String keyId = keyIdOf(a);
        var edit = a.browser().get(a.path() + "/" + keyId);
        assertNotNull(edit.doc().selectFirst("details.confirm form#revoke-api-key input[name=confirm][value=yes]"),
                "the revoke button is the second step of a details element, no script needed");
        var oneStep = a.browser().post(a.path() + "/" + keyId + "/revoke", Map.of("csrf", csrf(a.browser())));
        assertEquals(400, oneStep.status(), oneStep.text());
        assertTrue(oneStep.text().contains("Confirm that you want to revoke ci"), oneStep.text());
        assertTrue(self(key).get("active").asBoolean(), "still works");
        assertEquals(List.of("ci"), keyNames(a));
    }

    @Test
    void createThenReloadShowsTheKeyOnlyOnceAndCreatesNoSecondKey() {
        Admin a = admin();
        var posted = a.browser().submit(a.browser().get(a.path()), "form#create-api-key", Map.of("name", "ci", "scope.task:read", "on"));
        assertEquals(303, posted.status());
        var first = a.browser().get(posted.location());
        String key = first.doc().selectFirst("[data-testid=api-key]").text();
        assertEquals("API key created.", first.doc().selectFirst("#keys [data-testid=notice]").text());
        assertTrue(first.text().contains("you won't see this again"));
        assertNotNull(first.doc().selectFirst("button.copy[data-copy=one-time-secret][hidden]"), "the copy button waits for script");
        assertNotNull(first.doc().selectFirst("script[src=/assets/copy.js]"));
        assertEquals(key.substring(key.length() - 4), first.doc().selectFirst("table.api-keys tbody tr td .muted").text().substring(1),
                "the hint is the true last four");

        var reload = a.browser().get(posted.location());
        assertEquals(200, reload.status());
        assertFalse(reload.response().body().contains(key), "a reload shows no key");
        assertNull(reload.doc().selectFirst("[data-testid=notice]"));
        assertEquals(List.of("ci"), keyNames(a), "and creates nothing");
    }

    @Test
    void revokeThenReloadRevokesNothingElse() {
        Admin a = admin();
        String first = create(a, Map.of("name", "first"));
        String second = create(a, Map.of("name", "second"));
        String firstId = a.browser().get(a.path()).doc().select("table.api-keys tbody tr").stream()
                .filter(r -> r.child(0).text().startsWith("first")).findFirst().orElseThrow().attr("data-key");
        var revoked = a.browser().submit(a.browser().get(a.path() + "/" + firstId), "form#revoke-api-key", Map.of());
        assertEquals(303, revoked.status());
        var page = a.browser().follow(revoked);
        assertEquals("Revoked “first”: it no longer works.", page.doc().selectFirst("#keys [data-testid=notice]").text());
        assertEquals(200, a.browser().get(revoked.location()).status());
        assertFalse(self(first).get("active").asBoolean());
        assertTrue(self(second).get("active").asBoolean());
        assertEquals(List.of("second"), keyNames(a));
    }

    private static String csrf(Browser browser) {
        return browser.get("/account").doc().selectFirst("form[action=/logout] input[name=csrf]").attr("value");
    }

    private static String keyIdOf(Admin a) {
        return a.browser().get(a.path()).doc().selectFirst("table.api-keys tbody tr").attr("data-key");
    }

    private static List<String> keyNames(Admin a) {
        var identity = server.portcullis().core().identity();
        String workspaceId = identity.findWorkspaceBySlug(a.slug()).orElseThrow().id();
        return server.portcullis().database().read(tx -> tx.query("SELECT name FROM api_keys WHERE workspace_id = ? ORDER BY name",
                r -> r.text("name"), workspaceId));
    }
}

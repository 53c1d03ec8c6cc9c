package dev.portcullis.web.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.Role;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A workspace's Activity page and the account's Recent activity, over real HTTP, on events in the real log, on both databases. */
@ParameterizedClass
@EnumSource(Db.class)
class ActivityPageTest {
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Actor.Origin FIREFOX = Actor.Origin.of("198.51.100.23",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");

    @Parameter
    Db db;

    static TestServer server;
    /** Moved a second after each recorded event, so the order on the page is the order of recording. */
    static MutableClock clock;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        clock = MutableClock.startingNow();
        server = TestServer.start(db, clock);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A signed-in person with their own new workspace, which they admin. */
    private record Person(Browser browser, String id, String name, String email, String workspaceId, String slug) {
        String activity() {
            return "/workspaces/" + slug + "/activity";
        }
    }

    private static Person person(String name) {
        int n = USERS.incrementAndGet();
        String email = name.toLowerCase() + n + "@example.com";
        var browser = new Browser(server);
        browser.signUp(name + " " + n, email, PASSWORD);
        var identity = server.portcullis().core().identity();
        var user = identity.findByEmail(email).orElseThrow();
        var workspace = identity.workspacesOf(user.id()).getFirst().workspace();
        // Sign-up writes real events (signup, workspace.created, member.added); each test reads only the ones it records.
        server.portcullis().database().inTransaction(tx -> tx.update("DELETE FROM events WHERE workspace_id = ? OR actor_id = ?",
                workspace.id(), user.id()));
        return new Person(browser, user.id(), user.name(), email, workspace.id(), workspace.slug());
    }

    private static String record(EventDraft draft) {
        String id = server.portcullis().core().events().record(draft).orElseThrow().id();
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    private static List<String> rowIds(Browser.Page page) {
        return page.doc().select("table.activity tbody tr, table.recent-activity tbody tr").eachAttr("data-event");
    }

    @Test
    void anAdminReadsTheWorkspacesEventsNewestFirstInPlainWords() {
        Person ada = person("Ada");
        Person bob = person("Bob");
        String first = record(EventDraft.of(EventType.MEMBER_ADDED, Actor.user(ada.id(), FIREFOX)).inWorkspace(ada.workspaceId())
                .about("user", bob.id()).with("role", "member"));
        String second = record(EventDraft.of(EventType.API_KEY_CREATED, Actor.operator("opt_7", Actor.Origin.NONE))
                .inWorkspace(ada.workspaceId()).about("api_key", "key_9"));
        String named = record(EventDraft.of(EventType.API_KEY_REVOKED, Actor.user(ada.id(), FIREFOX))
                .inWorkspace(ada.workspaceId()).about("api_key", "key_10").with("name", "Nightly export"));

        var page = ada.browser().get(ada.activity());
        assertEquals(200, page.status(), page.text());
        assertEquals(List.of(named, second, first), rowIds(page));
        assertTrue(page.doc().selectFirst("tr[data-event=" + named + "]").text().contains("api key Nightly export"),
                "a target is named by the name its event recorded");
        Element added = page.doc().selectFirst("tr[data-event=" + first + "]");
        assertEquals("member.added", added.attr("data-type"));
        String row = added.text();
        assertTrue(row.contains(ada.name() + " (" + ada.email() + ")"), row);
        assertTrue(row.contains("Added a member"), row);
        assertTrue(row.contains(bob.name() + " (" + bob.email() + ")"), row);
        assertTrue(row.contains("198.51.100.23"), row);
        assertTrue(row.contains("Firefox on Linux"), row);
        assertTrue(row.contains(" UTC"), row);
        String keyRow = page.doc().selectFirst("tr[data-event=" + second + "]").text();
        assertTrue(keyRow.contains("Operator token opt_7") && keyRow.contains("Created an API key") && keyRow.contains("api key key_9"), keyRow);
        assertTrue(keyRow.contains("unknown device"), keyRow);
        assertNull(page.doc().selectFirst("#older"), "one page holds both");

        var workspacePage = ada.browser().get("/workspaces/" + ada.slug());
        assertNotNull(workspacePage.doc().selectFirst("a[href=" + ada.activity() + "]"), "the workspace page links its activity for admins");
    }

    @Test
    void anotherWorkspacesEventsNeverAppear() {
        Person ada = person("Ada");
        Person eve = person("Eve");
        String mine = record(EventDraft.of(EventType.APP_CREATED, Actor.user(ada.id(), FIREFOX))
                .inWorkspace(ada.workspaceId()).about("app", "app_mine"));
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            theirs.add(record(EventDraft.of(EventType.APP_CREATED, Actor.user(eve.id(), FIREFOX))
                    .inWorkspace(eve.workspaceId()).about("app", "app_theirs")));
        }
        // Ada's own sign-in has no workspace: it is on her account page, not in a workspace's activity.
        record(EventDraft.of(EventType.LOGIN_SUCCEEDED, Actor.user(ada.id(), FIREFOX)).about("user", ada.id()));

        var page = ada.browser().get(ada.activity());
        assertEquals(List.of(mine), rowIds(page));
        assertFalse(page.text().contains("app_theirs") || page.text().contains(eve.email()), "nothing of Eve's workspace");
        assertEquals(List.of(mine), rowIds(ada.browser().get(ada.activity() + "?group=apps")));

        // Eve sees her own; a cursor, any cursor, still reads only the workspace of the page.
        assertEquals(List.of(theirs.get(2), theirs.get(1), theirs.get(0)), rowIds(eve.browser().get(eve.activity())));
        String future = new EventQuery.Cursor(clock.instant().plusSeconds(60), "zzz").encode();
        assertEquals(List.of(mine), rowIds(ada.browser().get(ada.activity() + "?cursor=" + future)));

        // Eve cannot open Ada's page at all: not her workspace, so the 404 page.
        var foreign = eve.browser().get(ada.activity());
        assertEquals(404, foreign.status());
        assertTrue(foreign.text().contains("Workspace not found"), foreign.text());
        assertFalse(foreign.text().contains("app_mine"));
    }

    @Test
    void aMemberWhoIsNotAdminGets403AndNoLink() {
        Person ada = person("Ada");
        Person bob = person("Bob");
        server.portcullis().core().identity().addMember(ada.id(), ada.workspaceId(), bob.email(), Role.MEMBER);
        record(EventDraft.of(EventType.APP_CREATED, Actor.user(ada.id(), FIREFOX)).inWorkspace(ada.workspaceId()).about("app", "app_secret"));

        var attempt = bob.browser().get(ada.activity());
        assertEquals(403, attempt.status(), attempt.text());
        assertEquals("text/html; charset=utf-8", attempt.header("Content-Type"));
        assertFalse(attempt.text().contains("app_secret"));
        assertNull(bob.browser().get("/workspaces/" + ada.slug()).doc().selectFirst("a[href$=/activity]"), "members see no link");

        var signedOut = new Browser(server).get(ada.activity());
        assertEquals(303, signedOut.status(), "signed out: to the login page");
        assertTrue(signedOut.location().startsWith("/login"), signedOut.location());
    }

    @Test
    void filtersByGroupAndRefusesUnknownGroupsAndBrokenCursors() {
        Person ada = person("Ada");
        String key = record(EventDraft.of(EventType.API_KEY_REVOKED, Actor.user(ada.id(), FIREFOX))
                .inWorkspace(ada.workspaceId()).about("api_key", "key_1"));
        String member = record(EventDraft.of(EventType.MEMBER_ROLE_CHANGED, Actor.user(ada.id(), FIREFOX))
                .inWorkspace(ada.workspaceId()).about("user", ada.id()));
        String connection = record(EventDraft.of(EventType.CONSENT_GRANTED, Actor.user(ada.id(), FIREFOX))
                .inWorkspace(ada.workspaceId()).about("app", "app_1"));

        assertEquals(List.of(connection, member, key), rowIds(ada.browser().get(ada.activity())));
        var keys = ada.browser().get(ada.activity() + "?group=api-keys");
        assertEquals(List.of(key), rowIds(keys));
        assertEquals("api-keys", keys.doc().selectFirst("#activity-group option[selected]").attr("value"));
        assertEquals(List.of(member), rowIds(ada.browser().get(ada.activity() + "?group=members")));
        assertEquals(List.of(connection), rowIds(ada.browser().get(ada.activity() + "?group=connections")));
        var none = ada.browser().get(ada.activity() + "?group=tokens");
        assertEquals(List.of(), rowIds(none));
        assertNotNull(none.doc().selectFirst("[data-testid=empty-activity]"));
        // The filter form submits to this page: every group offered is one the page accepts.
        for (String group : keys.doc().select("#activity-group option").eachAttr("value")) {
            assertEquals(200, ada.browser().get(ada.activity() + "?group=" + group).status(), group);
        }

        for (String bad : List.of("?group=everything", "?cursor=broken", "?cursor=MTI6", "?group=apps&group=members")) {
            var res = ada.browser().get(ada.activity() + bad);
            assertEquals(400, res.status(), bad + " " + res.text());
            assertEquals("text/html; charset=utf-8", res.header("Content-Type"));
        }
    }

    @Test
    void olderPagesFollowTheCursorWithoutGapsOrRepeats() {
        Person ada = person("Ada");
        int total = 2 * ActivityPage.PAGE_SIZE + 7;
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            recorded.add(record(EventDraft.of(i % 2 == 0 ? EventType.APP_UPDATED : EventType.MEMBER_ADDED,
                    Actor.user(ada.id(), FIREFOX)).inWorkspace(ada.workspaceId()).about("app", "app_" + i)));
        }
        List<String> walked = new ArrayList<>();
        var page = ada.browser().get(ada.activity());
        assertNull(page.doc().selectFirst("a:containsOwn(Newest events)"), "the first page needs no way back");
        int pages = 1;
        walked.addAll(rowIds(page));
        while (page.doc().selectFirst("#older") != null) {
            page = ada.browser().get(page.doc().selectFirst("#older").attr("href"));
            assertEquals(200, page.status(), page.text());
            assertNotNull(page.doc().selectFirst("a:containsOwn(Newest events)"));
            walked.addAll(rowIds(page));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(total, walked.size());
        assertEquals(total, new HashSet<>(walked).size(), "no repeats");
        assertEquals(recorded.reversed(), walked, "no gaps, newest first");

        // The group rides along with the cursor.
        var apps = ada.browser().get(ada.activity() + "?group=apps");
        String older = apps.doc().selectFirst("#older").attr("href");
        assertTrue(older.contains("group=apps"), older);
        var olderApps = ada.browser().get(older);
        assertTrue(olderApps.doc().select("table.activity tbody tr").eachAttr("data-type").stream().allMatch("app.updated"::equals));
        assertEquals((total + 1) / 2 - ActivityPage.PAGE_SIZE, rowIds(olderApps).size());
    }

    @Test
    void theAccountPageShowsTheUsersOwnRecentSignInsAndConnections() {
        Person ada = person("Ada");
        Person bob = person("Bob");
        Actor.Origin iphone = Actor.Origin.of("192.0.2.44",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1");
        String failed = record(EventDraft.of(EventType.LOGIN_FAILED, Actor.anonymous(iphone)).about("user", ada.id())
                .with("reason", "bad_password"));
        String signedIn = record(EventDraft.of(EventType.LOGIN_SUCCEEDED, Actor.user(ada.id(), FIREFOX)).about("user", ada.id()));
        String consent = record(EventDraft.of(EventType.CONSENT_GRANTED, Actor.user(ada.id(), FIREFOX))
                .inWorkspace(ada.workspaceId()).about("app", "app_taskr"));
        // Not hers, or not a sign-in or a connection: never on her page.
        record(EventDraft.of(EventType.LOGIN_SUCCEEDED, Actor.user(bob.id(), FIREFOX)).about("user", bob.id()));
        record(EventDraft.of(EventType.APP_CREATED, Actor.user(ada.id(), FIREFOX)).inWorkspace(ada.workspaceId()));

        var page = ada.browser().get("/account");
        assertEquals(200, page.status(), page.text());
        assertNotNull(page.doc().selectFirst("nav a[href=#recent-activity]"));
        assertEquals(List.of(consent, signedIn, failed), rowIds(page));
        String failedRow = page.doc().selectFirst("tr[data-event=" + failed + "]").text();
        assertTrue(failedRow.contains("Failed to sign in") && failedRow.contains("192.0.2.44") && failedRow.contains("Safari on iOS"), failedRow);
        String consentRow = page.doc().selectFirst("tr[data-event=" + consent + "]").text();
        assertTrue(consentRow.contains("Connected an app") && consentRow.contains("Firefox on Linux"), consentRow);
        assertFalse(page.text().contains(bob.email()), "nothing of Bob's");

        for (int i = 0; i < 25; i++) record(EventDraft.of(EventType.LOGOUT, Actor.user(ada.id(), FIREFOX)));
        List<String> rows = rowIds(ada.browser().get("/account"));
        assertEquals(RecentActivity.SHOWN, rows.size(), "the last twenty");
        assertFalse(rows.contains(failed));
    }
}

package dev.portcullis.web.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.Config;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventType;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import dev.portcullis.webhooks.Webhooks;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A workspace admin's webhook pages through their real forms: create, secret once, replay, disable, delete; others refused. */
class WebhookPagesTest {
    static final String PASSWORD = "correct horse battery";
    static final AtomicInteger USERS = new AtomicInteger();
    static TestServer server;
    static HttpServer receiver;
    static final LinkedBlockingQueue<String> ids = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        Config config = TestServer.configFor(TestDatabases.fresh(Db.SQLITE));
        server = TestServer.start(config.withEvents(new Config.Events(Duration.ofDays(90), true, List.of(Duration.ofMillis(200)),
                Duration.ofSeconds(2), Set.of())));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/in")) ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        server.close();
    }

    record Admin(Browser browser, String userId, String workspaceId, String path) {}

    static Admin admin() {
        int n = USERS.incrementAndGet();
        String email = "hooks" + n + "@example.com";
        var browser = new Browser(server);
        browser.signUp("Ada " + n, email, PASSWORD);
        var identity = server.portcullis().core().identity();
        String userId = identity.findByEmail(email).orElseThrow().id();
        var ws = identity.workspacesOf(userId).getFirst().workspace();
        return new Admin(browser, userId, ws.id(), "/workspaces/" + ws.slug() + "/webhooks");
    }

    /** Only the first test's deliveries go to /in, which the test watches; the others' go elsewhere. */
    static String target() {
        return target("/in");
    }

    static String target(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void anAdminCreatesAWebhookSeesItsSecretOnceAndReplaysADeliveryWithTheSameWebhookId() throws Exception {
        Admin a = admin();
        var form = a.browser().get(a.path());
        assertEquals(200, form.status(), form.text());
        var posted = a.browser().submit(form, "form#create-webhook", Map.of("target_url", target(), "type:member.added", "yes"));
        assertEquals(303, posted.status(), posted.text());
        var page = a.browser().follow(posted);
        String secret = page.doc().selectFirst("[data-testid=webhook-secret]").text();
        assertTrue(secret.startsWith("whsec_"), secret);
        String endpointPath = posted.location().substring(0, posted.location().indexOf('?'));
        var again = a.browser().get(endpointPath);
        assertNull(again.doc().selectFirst("[data-testid=webhook-secret]"), "shown once");
        assertFalse(again.text().contains(secret));

        server.portcullis().core().events().record(EventDraft.of(EventType.MEMBER_ADDED, Actor.system()).inWorkspace(a.workspaceId()));
        String webhookId = ids.poll(15, TimeUnit.SECONDS);
        assertTrue(webhookId != null && webhookId.startsWith("msg_"));
        Browser.Page detail = waitForAttempt(a, endpointPath, webhookId);
        assertTrue(detail.doc().selectFirst("tr[data-delivery=\"" + webhookId + "\"]").text().contains("204"), detail.text());

        var replayed = a.browser().submit(detail, "tr[data-delivery=\"" + webhookId + "\"] form", Map.of());
        assertEquals(303, replayed.status(), replayed.text());
        assertEquals(webhookId, ids.poll(15, TimeUnit.SECONDS), "the replay carries the same webhook-id");
    }

    @Test
    void anAdminDisablesEnablesRotatesAndDeletesAWebhookAndDeletingNeedsTheConfirmation() {
        Admin a = admin();
        var created = server.portcullis().core().webhooks().create(Actor.user(a.userId(), Actor.Origin.NONE),
                java.util.Optional.of(a.workspaceId()), new Webhooks.Draft(target("/other"), List.of("*"), null));
        String path = a.path() + "/" + created.endpoint().id();
        var page = a.browser().get(path);
        assertEquals("enabled", page.doc().selectFirst("[data-testid=webhook-state]").text());
        var disabled = a.browser().follow(a.browser().submit(page, "form[action$=/enabled]", Map.of()));
        assertEquals("disabled", disabled.doc().selectFirst("[data-testid=webhook-state]").text());
        var enabled = a.browser().follow(a.browser().submit(disabled, "form[action$=/enabled]", Map.of()));
        assertEquals("enabled", enabled.doc().selectFirst("[data-testid=webhook-state]").text());

        var rotated = a.browser().follow(a.browser().submit(enabled, "form[action$=/rotate]", Map.of()));
        String fresh = rotated.doc().selectFirst("[data-testid=webhook-secret]").text();
        assertTrue(fresh.startsWith("whsec_") && !fresh.equals(created.secret().reveal()));

        var unconfirmed = a.browser().submit(rotated, "form[action$=/delete]", Map.of("confirm", ""));
        assertEquals(400, unconfirmed.status());
        assertEquals(1, server.portcullis().core().webhooks().list(Webhooks.Within.workspace(a.workspaceId())).size());
        var deleted = a.browser().submit(rotated, "form[action$=/delete]", Map.of());
        assertEquals(303, deleted.status(), deleted.text());
        assertEquals(0, server.portcullis().core().webhooks().list(Webhooks.Within.workspace(a.workspaceId())).size());
    }

    @Test
    void aNonMemberGets404AMemberWhoIsNotAnAdmin403AndAnotherWorkspacesWebhookIsNotFound() {
        Admin owner = admin();
        Admin stranger = admin();
        var created = server.portcullis().core().webhooks().create(Actor.system(), java.util.Optional.of(owner.workspaceId()),
                new Webhooks.Draft(target("/other"), List.of("*"), null));
        assertEquals(404, stranger.browser().get(owner.path()).status());
        Admin member = admin();
        server.portcullis().database().inTransaction(tx -> {
            server.portcullis().core().provisioning().setMember(tx, owner.workspaceId(), member.userId(), dev.portcullis.identity.Role.MEMBER, dev.portcullis.events.Actor.system());
            return null;
        });
        assertEquals(403, member.browser().get(owner.path()).status(), "a member who is not an admin");
        assertEquals(403, member.browser().get(owner.path() + "/" + created.endpoint().id()).status());
        assertEquals(404, stranger.browser().get(stranger.path() + "/" + created.endpoint().id()).status());
        var csrfPage = stranger.browser().get(stranger.path());
        var refused = stranger.browser().submit(csrfPage, "form#create-webhook", Map.of("target_url", target("/other")));
        assertEquals(400, refused.status(), "no event type ticked");
        assertTrue(refused.text().contains("event type"), refused.text());
    }

    static Browser.Page waitForAttempt(Admin a, String path, String webhookId) throws InterruptedException {
        Browser.Page page = null;
        for (int i = 0; i < 100; i++) {
            page = a.browser().get(path);
            var row = page.doc().selectFirst("tr[data-delivery=\"" + webhookId + "\"]");
            if (row != null && row.text().contains("delivered")) return page;
            Thread.sleep(100);
        }
        throw new AssertionError("the delivery was not shown as delivered: " + page.doc().select("#deliveries").text());
    }
}

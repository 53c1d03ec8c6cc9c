package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.Config;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.Workspace;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.webhooks.Webhooks;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Every page a person can meet, in one table, each with a line of what it is for and how the
 * browser gets there; the pages come in the order of a life (sign up, log in, connect an app, run
 * the dashboard, log out), so each step can lean on what the steps before it left behind.
 * To cover a new page, add one {@link Page} to {@link #pages()}.
 */
final class Tour implements AutoCloseable {
    /** One page: {@code name} names its screenshots, {@code purpose} is its line in docs/pages.md. */
    record Page(String name, String purpose, Consumer<Tour> show) {}

    static final String NAME = "Ada Augusta King, Countess of Lovelace";
    static final String EMAIL = "ada.lovelace@analytical-engines.example";
    static final String CHARLES = "charles@analytical-engines.example";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final TestServer server;
    private final Chromium browser;
    /** The app's callback page, and 204 to all else: a navigation to the external login there leaves the page in view. */
    private final HttpServer nowhere;
    private final String taskr;
    private final String workspace;
    private final String otherWorkspace;
    private final String keyId;
    private final String webhookId;

    private Tour(TestServer server, Chromium browser, HttpServer nowhere, String taskr, String workspace,
                 String otherWorkspace, String keyId, String webhookId) {
        this.server = server;
        this.browser = browser;
        this.nowhere = nowhere;
        this.taskr = taskr;
        this.workspace = workspace;
        this.otherWorkspace = otherWorkspace;
        this.keyId = keyId;
        this.webhookId = webhookId;
    }

    /** Ada, admin of two workspaces with a second member, developer of Taskr, with one API key. */
    static Tour start(Chromium browser) {
        HttpServer nowhere = nowhere();
        // Apps connect only verified addresses (PORTCULLIS_REQUIRE_VERIFIED_EMAIL): Ada's is; Charles meets the page that asks.
        Config defaults = TestServer.configFor(TestDatabases.fresh(Db.SQLITE));
        // Webhooks may target the loopback receiver below (PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE).
        Config.Events events = defaults.events();
        TestServer server = TestServer.start(defaults.withMail(new Config.Mail(defaults.mail().smtp(), defaults.mail().from(), true,
                defaults.mail().resetsPerHour())).withEvents(new Config.Events(events.retention(), true, events.webhookRetries(),
                events.webhookTimeout(), events.skippedTypes())));
        try {
            IdentityService identity = server.portcullis().core().identity();
            var ada = identity.signUp(NAME, EMAIL, Stage.PASSWORD);
            server.portcullis().database().inTransaction(tx -> tx.update("UPDATE users SET email_verified = ? WHERE id = ?", true, ada.user().id()));
            identity.signUp("Charles Babbage", CHARLES, Stage.PASSWORD);
            identity.addMember(ada.user().id(), ada.workspace().id(), CHARLES, Role.MEMBER);
            Workspace other = identity.createWorkspace(ada.user().id(), "Difference Engine No. 2", null, null);
            AppSettings settings = AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                    .withRedirectUris(List.of(new RedirectUri(nowhereUrl(nowhere) + "/callback")))
                    .withScopes(List.of("openid", "profile", "email", "offline_access", "task:read"));
            AppService.Created app = server.portcullis().apps().create(dev.portcullis.events.Actor.system(), Optional.of(ada.user().id()), settings);
            ApiKeyService.Created key = server.portcullis().core().apiKeys().create(Actor.operator(), ada.workspace().id(),
                    new ApiKeyService.Draft("Nightly export", List.of("task:read", "object_configuration:read"), Optional.empty()));
            var webhook = server.portcullis().core().webhooks().create(dev.portcullis.events.Actor.user(ada.user().id(),
                    dev.portcullis.events.Actor.Origin.NONE), Optional.of(ada.workspace().id()),
                    new Webhooks.Draft(nowhereUrl(nowhere) + "/hooks", List.of("api_key.created", "consent.granted"), null));
            recordActivity(server, ada.user().id(), ada.workspace().id(), app.app().clientId(), key.key().id());
            return new Tour(server, browser, nowhere, app.app().clientId(), ada.workspace().slug(), other.slug(), key.key().id(),
                    webhook.endpoint().id());
        } catch (RuntimeException e) {
            server.close();
            nowhere.stop(0);
            throw e;
        }
    }

    /** A few events of Ada's, as the flows record them, for the Activity page and her account's Recent activity. */
    private static void recordActivity(TestServer server, String ada, String workspace, String app, String key) {
        // events.Actor: apikeys.Actor has the short name in this file.
        var log = server.portcullis().core().events();
        var laptop = dev.portcullis.events.Actor.Origin.of("198.51.100.23",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        var phone = dev.portcullis.events.Actor.Origin.of("2001:db8:85a3::8a2e:370:7334",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1");
        var user = dev.portcullis.events.Actor.user(ada, laptop);
        for (var draft : List.of(
                EventDraft.of(EventType.LOGIN_FAILED, dev.portcullis.events.Actor.anonymous(phone))
                        .about("user", ada).with("reason", "bad_password"),
                EventDraft.of(EventType.LOGIN_SUCCEEDED, user).about("user", ada),
                EventDraft.of(EventType.API_KEY_CREATED, user).inWorkspace(workspace)
                        .about("api_key", key).with("name", "Nightly export"),
                EventDraft.of(EventType.CONSENT_GRANTED, user).inWorkspace(workspace)
                        .about("app", app).with("scopes", List.of("openid", "task:read")))) {
            log.record(draft);
        }
    }

    /** The table: every page, in the order the tour walks them. */
    static List<Page> pages() {
        return List.of(
                new Page("home", "The front page: what this server is, and the way in.",
                        t -> t.open("/")),
                new Page("login", "Log in with email and password; the start of every session.",
                        t -> t.open("/login")),
                new Page("login-error", "The login form again after a wrong password, with the error above the fields.",
                        t -> t.submit("form#login", Map.of("email", EMAIL, "password", "not the password"))),
                new Page("login-for-app", "Log in when an app sent the browser here: it names the app that is asking.",
                        t -> t.open(t.authorizeUrl())),
                new Page("signup", "Create an account; a first workspace comes with it.",
                        t -> t.open("/signup")),
                new Page("authorize-error", "An app sent a broken authorization request (here an unknown client_id); nothing is shared.",
                        t -> t.open("/authorize?response_type=code&client_id=no-such-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb")),
                new Page("upstream-error", "Signing in with an upstream provider failed; the way back to the login page.",
                        t -> t.open("/login/upstream/no-such-provider")),
                new Page("logout-done", "After logging out: the session has ended.",
                        t -> t.open("/oauth2/logout")),
                new Page("workspace-picker", "Connecting an app: choose which of your workspaces it gets.",
                        t -> {
                            t.signIn();
                            t.open(t.authorizeUrl());
                            t.browser.find("form#workspace-picker");
                        }),
                new Page("consent", "Connecting an app: what it will be able to do, in which workspace; approve or deny.",
                        t -> {
                            t.browser.find("form#workspace-picker input[name=workspace]").click();
                            t.submit("form#workspace-picker", Map.of());
                        }),
                new Page("account", "Your profile, your workspaces and the apps connected to them, each revocable.",
                        t -> {
                            t.browser.clickAndWait("form#consent button[name=decision][value=approve]");
                            t.open("/account");
                        }),
                new Page("account-two-factor", "Turn on an authenticator app: a QR code and the secret as text, confirmed by a first code.",
                        t -> t.open("/account/two-factor")),
                new Page("account-passkeys", "Your passkeys (name, added, last used), each renamed or removed; add one with the browser's prompt.",
                        t -> t.open("/account/passkeys")),
                new Page("workspaces", "The workspaces you belong to, and a form to create one.",
                        t -> t.open("/workspaces")),
                new Page("device", "A device (a CLI, a TV) asked to connect: type the code it shows.",
                        t -> t.open("/device")),
                new Page("workspace", "One workspace: its members and their roles; admins change roles, add and remove members.",
                        t -> t.open("/workspaces/" + t.workspace)),
                new Page("activity", "A workspace's activity, for its admins: who did what, when and from where, by kind of event.",
                        t -> t.open("/workspaces/" + t.workspace + "/activity")),
                new Page("workspace-security", "A workspace's security: admins require a second factor of every member.",
                        t -> t.open("/workspaces/" + t.workspace + "/security")),
                new Page("dashboard", "The developer dashboard: your apps, a form to create one, and links to workspace API keys.",
                        t -> t.open("/dashboard")),
                new Page("dashboard-app-created", "Right after creating an app: its client secret, shown this once.",
                        t -> t.submit("form#create-app", Map.of("name", "Ledger", "description", "Books for teams"))),
                new Page("dashboard-app", "One app: credentials, redirect URIs, grants and scopes, secrets.",
                        t -> t.open("/dashboard/apps/" + t.taskr)),
                new Page("dashboard-app-delete", "Confirm deleting an app, with what goes with it.",
                        t -> t.open("/dashboard/apps/" + t.taskr + "/delete")),
                new Page("api-keys", "A workspace's API keys, and a form to create one.",
                        t -> t.open("/workspaces/" + t.workspace + "/api-keys")),
                new Page("api-key-created", "Right after creating an API key: the key, shown this once.",
                        t -> t.submit("form#create-api-key", Map.of("name", "Weekly report"))),
                new Page("api-key-edit", "One API key: rename it, change its scopes or expiry, or revoke it.",
                        t -> t.open("/workspaces/" + t.workspace + "/api-keys/" + t.keyId)),
                new Page("webhooks", "A workspace's webhook endpoints, and a form to add one with the events it receives.",
                        t -> t.open("/workspaces/" + t.workspace + "/webhooks")),
                new Page("webhook", "One webhook endpoint: its events, signing secret rotation, deliveries with replay, on/off, delete.",
                        t -> t.open("/workspaces/" + t.workspace + "/webhooks/" + t.webhookId)),
                new Page("not-found", "An error page: here a workspace that does not exist or is not yours.",
                        t -> t.open("/workspaces/no-such-workspace")),
                new Page("logout-confirm", "An app asked to end your session: log out, or stay logged in.",
                        t -> t.open("/oauth2/logout")),
                new Page("forgot", "Forgot password: type your address to get a reset link by mail.",
                        t -> t.open("/forgot")),
                new Page("forgot-sent", "After asking for a reset: the same answer whether or not an account uses the address.",
                        t -> {
                            t.mailsBeforeReset = t.mails();
                            t.submit("form#forgot", Map.of("email", EMAIL));
                        }),
                new Page("reset", "The mailed reset link, opened: choose a new password.",
                        t -> t.open(t.mailLink(t.mailsBeforeReset))),
                new Page("reset-done", "The new password is set and every session of the account has ended.",
                        t -> t.submit("form#reset", Map.of("password", "violet kettle marmalade orbit"))),
                new Page("link-invalid", "A mailed link used already, expired or replaced: the way to a new one.",
                        t -> t.open("/reset?token=pc_reset_used")),
                new Page("verify-first", "With verified addresses required, an app asks and the address is not verified yet: check your mail.",
                        t -> {
                            t.signIn(CHARLES);
                            t.open(t.authorizeUrl());
                            t.browser.find("#verify-first");
                        }),
                new Page("email-verified", "The mailed verification link, opened: the address is verified.",
                        t -> {
                            int before = t.mails();
                            t.submit("form#resend-verification", Map.of());
                            t.open(t.mailLink(before));
                        }),
                new Page("external-login-continue", "With an external login set, the short page that moves on to your own login page.",
                        t -> {
                            t.useExternalLogin(true);
                            t.browser.driver().manage().deleteAllCookies();
                            t.open(t.authorizeUrl());
                            t.browser.find("#external-login");
                            t.useExternalLogin(false);
                        }));
    }

    private int mailsBeforeReset;

    /** How many mails the server has written to its development mail folder (no SMTP is set in the tour). */
    int mails() {
        Path folder = server.portcullis().config().storage().dataDir().resolve("mail");
        if (!Files.isDirectory(folder)) return 0;
        try (var files = Files.list(folder)) {
            return (int) files.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link in the newest mail, once there are more than {@code before} (mail is written in the background). */
    String mailLink(int before) {
        Path folder = server.portcullis().config().storage().dataDir().resolve("mail");
        long until = System.nanoTime() + 10_000_000_000L;
        while (mails() <= before) {
            if (System.nanoTime() > until) throw new AssertionError("no new mail in " + folder);
            Thread.onSpinWait();
        }
        try (var files = Files.list(folder)) {
            Path newest = files.max(Comparator.comparing(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            })).orElseThrow();
            try (var in = Files.newInputStream(newest)) {
                var message = new MimeMessage((Session) null, in);
                var parts = (MimeMultipart) message.getContent();
                String text = (String) parts.getBodyPart(0).getContent();
                var link = Pattern.compile("https?://\\S+").matcher(text);
                if (!link.find()) throw new AssertionError("no link in " + newest);
                return link.group();
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code path} on Portcullis, or {@code url} as it is when absolute. */
    void open(String pathOrUrl) {
        browser.open(pathOrUrl.startsWith("http") ? pathOrUrl : server.uri(pathOrUrl).toString());
        browser.find("main");
    }

    /** Fills {@code form}'s fields by name and submits it, waiting for the next page. */
    void submit(String form, Map<String, String> fields) {
        browser.fill(form, fields);
        browser.clickAndWait(form + " button[type=submit]");
        browser.find("main");
    }

    void signIn() {
        signIn(EMAIL);
    }

    void signIn(String email) {
        browser.driver().manage().deleteAllCookies();
        open("/login");
        submit("form#login", Map.of("email", email, "password", Stage.PASSWORD));
    }

    String authorizeUrl() {
        return "/authorize?response_type=code&client_id=" + taskr + "&redirect_uri="
                + URLEncoder.encode(nowhereUrl(nowhere) + "/callback", StandardCharsets.UTF_8)
                + "&scope=openid%20profile%20email%20task%3Aread&state=tour&code_challenge=" + CHALLENGE
                + "&code_challenge_method=S256";
    }

    /** Turns the external login (to the 204 server) on or off through the management API, as an operator would. */
    private void useExternalLogin(boolean on) {
        String token = server.portcullis().core().operators().create("tour", dev.portcullis.events.Actor.system()).secret();
        String uri = on ? nowhereUrl(nowhere) + "/login" : "";
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(server.uri("/manage/v1/settings/external-login"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"external_login_uri\": \"" + uri + "\"}")).build());
        assertEquals(200, res.statusCode(), res.body());
    }

    private static HttpServer nowhere() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(Stage.HOST, 0), 0);
            http.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            http.createContext("/callback", exchange -> {
                byte[] page = "<!DOCTYPE html><title>Back at the app</title><main>Back at the app</main>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nowhereUrl(HttpServer nowhere) {
        return "http://" + Stage.HOST + ":" + nowhere.getAddress().getPort();
    }

    URI uri(String path) {
        return server.uri(path);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            nowhere.stop(0);
        }
    }
}

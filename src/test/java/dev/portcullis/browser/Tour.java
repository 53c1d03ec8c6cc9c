package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.Workspace;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final TestServer server;
    private final Chromium browser;
    /** The app's callback page, and 204 to all else: a navigation to the external login there leaves the page in view. */
    private final HttpServer nowhere;
    private final String taskr;
    private final String workspace;
    private final String otherWorkspace;
    private final String keyId;

    private Tour(TestServer server, Chromium browser, HttpServer nowhere, String taskr, String workspace,
                 String otherWorkspace, String keyId) {
        this.server = server;
        this.browser = browser;
        this.nowhere = nowhere;
        this.taskr = taskr;
        this.workspace = workspace;
        this.otherWorkspace = otherWorkspace;
        this.keyId = keyId;
    }

    /** Ada, admin of two workspaces with a second member, developer of Taskr, with one API key. */
    static Tour start(Chromium browser) {
        HttpServer nowhere = nowhere();
        TestServer server = TestServer.start(Db.SQLITE);
        try {
            IdentityService identity = server.portcullis().core().identity();
            var ada = identity.signUp(NAME, EMAIL, Stage.PASSWORD);
            identity.signUp("Charles Babbage", "charles@analytical-engines.example", Stage.PASSWORD);
            identity.addMember(ada.user().id(), ada.workspace().id(), "charles@analytical-engines.example", Role.MEMBER);
            Workspace other = identity.createWorkspace(ada.user().id(), "Difference Engine No. 2", null, null);
            AppSettings settings = AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                    .withRedirectUris(List.of(new RedirectUri(nowhereUrl(nowhere) + "/callback")))
                    .withScopes(List.of("openid", "profile", "email", "offline_access", "task:read"));
            AppService.Created app = server.portcullis().apps().create(Optional.of(ada.user().id()), settings);
            ApiKeyService.Created key = server.portcullis().core().apiKeys().create(Actor.operator(), ada.workspace().id(),
                    new ApiKeyService.Draft("Nightly export", List.of("task:read", "object_configuration:read"), Optional.empty()));
            return new Tour(server, browser, nowhere, app.app().clientId(), ada.workspace().slug(), other.slug(), key.key().id());
        } catch (RuntimeException e) {
            server.close();
            nowhere.stop(0);
            throw e;
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
                new Page("workspaces", "The workspaces you belong to, and a form to create one.",
                        t -> t.open("/workspaces")),
                new Page("device", "A device (a CLI, a TV) asked to connect: type the code it shows.",
                        t -> t.open("/device")),
                new Page("workspace", "One workspace: its members and their roles; admins change roles, add and remove members.",
                        t -> t.open("/workspaces/" + t.workspace)),
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
                new Page("not-found", "An error page: here a workspace that does not exist or is not yours.",
                        t -> t.open("/workspaces/no-such-workspace")),
                new Page("logout-confirm", "An app asked to end your session: log out, or stay logged in.",
                        t -> t.open("/oauth2/logout")),
                new Page("external-login-continue", "With an external login set, the short page that moves on to your own login page.",
                        t -> {
                            t.useExternalLogin(true);
                            t.browser.driver().manage().deleteAllCookies();
                            t.open(t.authorizeUrl());
                            t.browser.find("#external-login");
                            t.useExternalLogin(false);
                        }));
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
        browser.driver().manage().deleteAllCookies();
        open("/login");
        submit("form#login", Map.of("email", EMAIL, "password", Stage.PASSWORD));
    }

    String authorizeUrl() {
        return "/authorize?response_type=code&client_id=" + taskr + "&redirect_uri="
                + URLEncoder.encode(nowhereUrl(nowhere) + "/callback", StandardCharsets.UTF_8)
                + "&scope=openid%20profile%20email%20task%3Aread&state=tour&code_challenge=" + CHALLENGE
                + "&code_challenge_method=S256";
    }

    /** Turns the external login (to the 204 server) on or off through the management API, as an operator would. */
    private void useExternalLogin(boolean on) {
        String token = server.portcullis().core().operators().create("tour").secret();
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

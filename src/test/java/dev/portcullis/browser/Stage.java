package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.http.Json;
import dev.portcullis.identity.User;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both real servers on free ports of one host name (cookies are per host, and each app names its
 * own), with Taskr registered at Portcullis as its README says, plus the fixtures journeys need.
 */
final class Stage implements AutoCloseable {
    /** One host name for both servers, so the browser, the issuer and Taskr's PORTCULLIS_URL agree. */
    static final String HOST = "127.0.0.1";
    static final String PASSWORD = "correct horse battery staple";
    /** What Taskr asks for (its PortcullisClient.SCOPE); the app must allow all of it. */
    static final List<String> TASKR_SCOPES = List.of("openid", "profile", "email", "offline_access", "task:read",
            "object_configuration:read", "record_permission:read", "user_management:read");
    private static final List<String> TASK_WRITER = List.of("task:read-write", "object_configuration:read",
            "record_permission:read", "user_management:read");

    private final TestServer portcullis;
    private final TaskrProcess taskr;
    private final String taskrClientId;

    private Stage(TestServer portcullis, TaskrProcess taskr, String taskrClientId) {
        this.portcullis = portcullis;
        this.taskr = taskr;
        this.taskrClientId = taskrClientId;
    }

    static Stage start() {
        return start(Map.of());
    }

    /** With more settings, such as an external login ({@code PORTCULLIS_EXTERNAL_LOGIN_URI}). */
    static Stage start(Map<String, String> settings) {
        TaskrProcess.requireJar();
        int port = freePort();
        URI issuer = URI.create("http://" + HOST + ":" + port);
        // The port is chosen before start so the issuer (the iss Taskr checks) can name it.
        Map<String, String> env = new java.util.HashMap<>(Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", HOST,
                "PORTCULLIS_ISSUER", issuer.toString(), "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_SIGNUPS_PER_HOUR", TestServer.TEST_SIGNUPS_PER_HOUR));
        env.putAll(settings);
        Config config = ConfigLoader.load(env).withStorage(TestDatabases.fresh(Db.SQLITE));
        TestServer server = TestServer.start(config);
        try {
            int taskrPort = freePort();
            AppService.Created app = registerTaskr(server, "http://" + HOST + ":" + taskrPort);
            TaskrProcess taskr = TaskrProcess.start(HOST, taskrPort, issuer, app.app().clientId(),
                    app.clientSecret().orElseThrow());
            return new Stage(server, taskr, app.app().clientId());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Taskr as its developer registers it: confidential, client_secret_basic, its exact callback. */
    private static AppService.Created registerTaskr(TestServer server, String taskrUrl) {
        var developer = server.portcullis().core().identity().signUp("Dana Developer", "dana@taskr.example", PASSWORD);
        AppSettings settings = AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(taskrUrl + "/integrations/portcullis/callback")))
                .withScopes(TASKR_SCOPES);
        return server.portcullis().apps().create(dev.portcullis.events.Actor.system(), Optional.of(developer.user().id()), settings);
    }

    String portcullis(String path) {
        return server().portcullis().config().server().issuer() + path;
    }

    String taskr(String path) {
        return taskr.url(path);
    }

    TestServer server() {
        return portcullis;
    }

    String taskrClientId() {
        return taskrClientId;
    }

    /** A Portcullis account made without the browser, so its first visit meets the login page. */
    void createUser(String name, String email) {
        portcullis.portcullis().core().identity().signUp(name, email, PASSWORD);
    }

    /** Adds a task to the user's first workspace through {@code POST /v2/tasks}, with an API key minted for it. */
    void addTask(String email, String text) {
        addTask(email, Optional.empty(), text);
    }

    /** Adds a task to the user's workspace of that name, or their first. */
    void addTask(String email, Optional<String> workspaceName, String text) {
        var identity = portcullis.portcullis().core().identity();
        User user = identity.findByEmail(email).orElseThrow(() -> new AssertionError("no user " + email));
        String workspaceId = identity.workspacesOf(user.id()).stream()
                .filter(w -> workspaceName.map(w.workspace().name()::equals).orElse(true))
                .findFirst().orElseThrow(() -> new AssertionError("no workspace " + workspaceName)).workspace().id();
        ApiKeyService.Created key = portcullis.portcullis().core().apiKeys()
                .create(Actor.operator(), workspaceId, new ApiKeyService.Draft("browser test", TASK_WRITER, Optional.empty()));
        String body = new String(Json.bytes(Map.of("content_plaintext", text)), StandardCharsets.UTF_8);
        HttpResponse<String> created = new OAuthClient(portcullis).postJson("/v2/tasks", "Bearer " + key.secret(), body);
        assertEquals(200, created.statusCode(), created.body());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            taskr.close();
        } finally {
            portcullis.close();
        }
    }
}

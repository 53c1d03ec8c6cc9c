package dev.portcullis.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.Core;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.storage.Storage;
import dev.portcullis.support.Db;
import dev.portcullis.support.ServerProcess;
import dev.portcullis.support.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability of the token endpoint under load: the real server as its own process answers
 * client_credentials requests from many concurrent clients (on SQLite, grouped commits), is
 * killed with SIGKILL in the middle, and started again on the same database. Every access token
 * that was answered with a 200 before the kill must introspect as active afterwards: an answer
 * is sent only once its token is committed.
 */
class TokenDurabilityCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 32;
    private static final int TOKENS_BEFORE_KILL = 400;

    @ParameterizedTest
    @EnumSource(Db.class)
    void everyAccessTokenAnsweredBeforeAKill9IsActiveAfterTheRestart(Db db) throws Exception {
        Storage storage = TestDatabases.fresh(db);
        int port = ServerProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_ISSUER", "http://127.0.0.1:" + port, "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_DATA_DIR", storage.dataDir().toString(), "PORTCULLIS_RATE_TOKEN_PER_SECOND", "1000000"));
        if (storage.isPostgres()) {
            env.putAll(Map.of("PORTCULLIS_DATABASE_URL", storage.databaseUrl(), "PORTCULLIS_DATABASE_USER", storage.user(),
                    "PORTCULLIS_DATABASE_PASSWORD", storage.password()));
        }
        String basic;
        try (Core core = Core.open(ConfigLoader.load(env), Clock.systemUTC())) {
            AppService.Created app = core.apps().create(Actor.system(), Optional.empty(), new AppSettings("Load", "", Optional.empty(),
                    true, AuthMethod.CLIENT_SECRET_BASIC, EnumSet.of(GrantType.CLIENT_CREDENTIALS), List.of("task:read"), List.of(),
                    AccessTokenFormat.OPAQUE, new Lifetime.Default(), "RS256", false));
            basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(app.app().clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(app.clientSecret().orElseThrow(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }

        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        Process first = ServerProcess.start(env, "token-crash-1-" + db);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().executor(clients).build()) {
            ServerProcess.awaitHealthy(port);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    try {
                        while (true) {
                            var res = http.send(post(port, "/oauth/token", basic, "grant_type=client_credentials"),
                                    HttpResponse.BodyHandlers.ofString());
                            if (res.statusCode() == 200) answered.add(JSON.readTree(res.body()).get("access_token").asText());
                        }
                    } catch (IOException killed) {
                        return null; // the server is gone
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answered.size() < TOKENS_BEFORE_KILL && System.nanoTime() < deadline) Thread.sleep(10);
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        } finally {
            first.destroyForcibly();
        }
        List<String> tokens = List.copyOf(answered);
        assertTrue(tokens.size() >= TOKENS_BEFORE_KILL, "answered before the kill: " + tokens.size());

        Process second = ServerProcess.start(env, "token-crash-2-" + db);
        try (ExecutorService checkers = Executors.newFixedThreadPool(8);
             HttpClient http = HttpClient.newHttpClient()) {
            ServerProcess.awaitHealthy(port);
            List<Future<String>> states = new ArrayList<>();
            for (String token : tokens) {
                states.add(checkers.submit(() -> http.send(post(port, "/oauth/introspect", basic, "token=" + token),
                        HttpResponse.BodyHandlers.ofString()).body()));
            }
            List<String> inactive = new ArrayList<>();
            for (Future<String> state : states) {
                String body = state.get();
                if (!JSON.readTree(body).path("active").asBoolean(false)) inactive.add(body);
            }
            assertEquals(List.of(), inactive, "of " + tokens.size() + " tokens answered with 200 before the kill");
        } finally {
            second.destroy();
            second.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static HttpRequest post(int port, String path, String authorization, String form) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }
}

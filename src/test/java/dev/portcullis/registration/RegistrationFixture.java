package dev.portcullis.registration;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Servers with registration settings of a test's choosing, and raw calls to the registration endpoint. */
final class RegistrationFixture {
    private RegistrationFixture() {}

    /** Test defaults (port 0, no demo) plus {@code settings} as name/value pairs. */
    static Config config(Db db, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false"));
        for (int i = 0; i < settings.length; i += 2) env.put(settings[i], settings[i + 1]);
        return ConfigLoader.load(env).withStorage(TestDatabases.fresh(db));
    }

    static HttpResponse<String> register(TestServer server, String authorization, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }

    static long appCount(TestServer server) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM apps"));
    }

    static String field(HttpResponse<String> res, String name) {
        try {
            return Json.MAPPER.readTree(res.body()).path(name).asText(null);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + res.body(), e);
        }
    }
}

package dev.portcullis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.http.Json;
import dev.portcullis.storage.Storage;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL, as in production behind a load balancer: with the database
 * store they share one count per token; with the local store each counts alone.
 */
class SharedRateLimitsTest {

    @Test
    void databaseStoreThenRequestsAlternatingBetweenInstancesShareOneLimit() throws Exception {
        Config config = config(TestDatabases.fresh(Db.POSTGRES), "database");
        try (TestServer a = TestServer.start(config); TestServer b = TestServer.start(config)) {
            String key = apiKey(a);
            long started = System.nanoTime();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 12 && (answers.isEmpty() || answers.getLast().statusCode() == 200); i++) {
                answers.add(self(i % 2 == 0 ? a : b, key));
            }
            double elapsedSeconds = (System.nanoTime() - started) / 1e9;
            HttpResponse<String> limited = answers.getLast();
            assertEquals(429, limited.statusCode(), "the shared limit of 3/s is reached within 12 requests");
            int passed = answers.size() - 1;
            // 3 at once, then one more per third of a second: never the 6 two separate counts would allow at once.
            assertTrue(passed >= 3 && passed <= 3 + (int) (elapsedSeconds * 3),
                    passed + " requests passed in " + elapsedSeconds + " s across two instances");
            assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
            JsonNode body = Json.MAPPER.readTree(limited.body());
            assertEquals("rate_limit_error", body.get("type").asText());
            assertEquals("rate_limit_exceeded", body.get("code").asText());
            assertEquals(429, body.get("status_code").asInt());
        }
    }

    @Test
    void databaseStoreThenRegistrationsPerAddressAreCountedOnceAcrossInstances() {
        Config config = config(TestDatabases.fresh(Db.POSTGRES), "database", "PORTCULLIS_REGISTRATIONS_PER_HOUR", "3");
        try (TestServer a = TestServer.start(config); TestServer b = TestServer.start(config)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) statuses.add(register(i % 2 == 0 ? a : b).statusCode());
            assertEquals(List.of(201, 201, 201, 429, 429), statuses);
            long retryAfter = Long.parseLong(register(b).headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 60 && retryAfter <= 1200, "one registration comes back every 20 minutes: " + retryAfter);
        }
    }

    /** A guard stays exact across instances however high it is set: only throughput limits settle in steps. */
    @Test
    void databaseStoreThenAHighGuardLimitIsCountedExactlyAcrossInstances() {
        Config config = config(TestDatabases.fresh(Db.POSTGRES), "database", "PORTCULLIS_REGISTRATIONS_PER_HOUR", "40");
        try (TestServer a = TestServer.start(config); TestServer b = TestServer.start(config)) {
            int passed = 0;
            int status = 201;
            for (int i = 0; i < 60 && status == 201; i++) {
                status = register(i % 2 == 0 ? a : b).statusCode();
                if (status == 201) passed++;
            }
            assertEquals(429, status, "the limit holds within 60 registrations");
            assertEquals(40, passed, "two separate counts would allow 80, a settled one up to 44");
        }
    }

    /** The settling proxy of a busy key is cached; its row may be swept while it is idle, and must come back. */
    @Test
    void databaseStoreThenASettledBucketSweptWhileCachedStartsAgain() {
        Config config = config(TestDatabases.fresh(Db.POSTGRES), "database", "PORTCULLIS_RATE_READS_PER_SECOND", "40");
        try (TestServer a = TestServer.start(config)) {
            String key = apiKey(a);
            assertEquals(200, self(a, key).statusCode());
            var database = a.portcullis().database();
            int swept = database.inTransaction(tx -> tx.update("DELETE FROM rate_limit_buckets"));
            assertEquals(1, swept);
            for (int i = 0; i < 5; i++) assertEquals(200, self(a, key).statusCode(), "request " + i + " after the sweep");
            long rows = database.read(tx -> tx.count("SELECT count(*) AS n FROM rate_limit_buckets"));
            assertEquals(1, rows, "the bucket is stored again");
        }
    }

    @Test
    void localStoreThenEachInstanceCountsAlone() {
        Config config = config(TestDatabases.fresh(Db.POSTGRES), "local");
        try (TestServer a = TestServer.start(config); TestServer b = TestServer.start(config)) {
            String key = apiKey(a);
            for (int i = 0; i < 6; i++) {
                assertEquals(200, self(i % 2 == 0 ? a : b, key).statusCode(), "each instance has its own 3 (request " + i + ")");
            }
            int status = 200;
            for (int i = 0; i < 12 && status == 200; i++) status = self(a, key).statusCode();
            assertEquals(429, status, "one instance alone still limits");
        }
    }

    @Test
    void expiredSharedBucketsAreSweptAndKeysAreStoredHashed() {
        Config config = config(TestDatabases.fresh(Db.POSTGRES), "database");
        try (TestServer a = TestServer.start(config)) {
            String key = apiKey(a);
            self(a, key);
            var database = a.portcullis().database();
            List<String> ids = database.read(tx -> tx.query("SELECT id FROM rate_limit_buckets", row -> row.text("id")));
            assertEquals(1, ids.size());
            assertTrue(ids.getFirst().matches("api-read@3/PT1S:[0-9a-f]{64}"), ids.getFirst());
            RateLimits limits = a.portcullis().core().rateLimits();
            assertEquals(0, ExpiredBucketSweep.sweep(limits), "a bucket in use is kept");
            // As if a minute had passed: the bucket is full again, so deleting it changes nothing.
            database.inTransaction(tx -> tx.update("UPDATE rate_limit_buckets SET expires_at = expires_at - 60000"));
            assertEquals(1, ExpiredBucketSweep.sweep(limits));
            long left = database.read(tx -> tx.count("SELECT count(*) AS n FROM rate_limit_buckets"));
            assertEquals(0, left);
            assertEquals(200, self(a, key).statusCode(), "a swept bucket starts full");
        }
    }

    private static Config config(Storage storage, String store, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_DATA_DIR", storage.dataDir().toString(),
                "PORTCULLIS_DATABASE_URL", storage.databaseUrl(), "PORTCULLIS_DATABASE_USER", storage.user(),
                "PORTCULLIS_DATABASE_PASSWORD", storage.password(), "PORTCULLIS_RATE_READS_PER_SECOND", "3",
                "PORTCULLIS_RATE_LIMIT_STORE", store));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return ConfigLoader.load(env);
    }

    private static String apiKey(TestServer server) {
        var fixture = new ApiKeyFixture(server.portcullis().database());
        return fixture.apiKey(fixture.workspace("acme-" + System.nanoTime()), "object_configuration:read").secret();
    }

    private static HttpResponse<String> self(TestServer server, String key) {
        return server.send(HttpRequest.newBuilder(server.uri("/v2/self")).header("Authorization", "Bearer " + key).build());
    }

    private static HttpResponse<String> register(TestServer server) {
        return server.post("/oauth2/register", "application/json", """
                {"client_name": "Agent", "redirect_uris": ["http://127.0.0.1:33418/callback"],
                 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], "response_types": ["code"]}""");
    }
}

package dev.portcullis.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthEndpointTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void healthAndReadinessAnswer200WhileDatabaseIsUp(Db db) {
        try (TestServer server = TestServer.start(db)) {
            assertEquals(200, server.get("/healthz").statusCode());
            var ready = server.get("/readyz");
            assertEquals(200, ready.statusCode());
            assertEquals("{\"status\":\"ready\"}", ready.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void restartKeepsData(Db db) {
        var storage = TestDatabases.fresh(db);
        try (TestServer first = TestServer.start(TestServer.configFor(storage))) {
            first.portcullis().database().inTransaction(tx -> tx.update(
                    "INSERT INTO users (id, email, email_lower, name, password_hash, created_at) VALUES ('u1', 'a@x.io', 'a@x.io', 'A', 'h', 0)"));
        }
        if (db == Db.SQLITE) assertTrue(Files.exists(storage.dataDir().resolve("portcullis.db")));
        try (TestServer second = TestServer.start(TestServer.configFor(storage))) {
            long users = second.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM users"));
            assertEquals(1L, users);
        }
    }

    @org.junit.jupiter.api.Test
    void metricsExposeRequestTimersByRoutePatternAndJvmGauges() {
        try (TestServer server = TestServer.start(Db.SQLITE)) {
            server.get("/healthz");
            server.get("/v2/tasks/3f1c2a4e-0000-4000-8000-000000000000");
            var res = server.get("/metrics");
            assertEquals(200, res.statusCode());
            assertTrue(res.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            assertTrue(res.body().contains("http_server_requests_seconds_count{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
                    res.body());
            assertTrue(res.body().contains("route=\"/v2/tasks/{task_id}\",status=\"401\""), "an error is counted with the status sent");
            assertTrue(res.body().contains("jvm_memory_used_bytes"));
            assertTrue(!res.body().contains("3f1c2a4e"), "raw paths with ids never become labels");
        }
    }
}

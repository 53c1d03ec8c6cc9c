package dev.portcullis.clientauth;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JtiRepository}'s promises on both databases: one use per jti and client until it expires. */
@ParameterizedClass
@EnumSource(Db.class)
class JtiRepositoryContractTest extends RepositoryContract {
    static final JtiRepository jtis = new SqlJtiRepository();
    static int apps;

    static String app() {
        String id = "app-" + (++apps);
        database.inTransaction(tx -> tx.update("INSERT INTO apps (id, name, client_type, token_endpoint_auth_method, grant_types, "
                + "scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, id, "confidential", "private_key_jwt",
                "client_credentials", "", NOW));
        return id;
    }

    static boolean use(String app, String jti, Instant expiresAt, Instant now) {
        return database.inTransaction(tx -> jtis.use(tx, app, SecretHash.of(jti), expiresAt, now));
    }

    static long rows() {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM client_assertion_jtis"));
    }

    @Test
    void firstUseWinsAndAReplayIsRefusedUntilExpiry() {
        String app = app();
        Instant exp = NOW.plusSeconds(300);
        assertTrue(use(app, "j1", exp, NOW));
        assertFalse(use(app, "j1", exp, NOW.plusSeconds(1)));
        assertFalse(use(app, "j1", exp.plusSeconds(600), exp.minusSeconds(1)), "a replay cannot extend itself");
        assertTrue(use(app, "j1", exp.plusSeconds(600), exp), "once expired, the jti may serve again");
        assertFalse(use(app, "j1", exp.plusSeconds(600), exp.plusSeconds(1)));
    }

    @Test
    void jtisAreScopedToTheirClient() {
        String a = app();
        String b = app();
        assertTrue(use(a, "shared", NOW.plusSeconds(60), NOW));
        assertTrue(use(b, "shared", NOW.plusSeconds(60), NOW));
    }

    @Test
    void concurrentUsesOfOneJtiLetExactlyOneThrough() throws Exception {
        String app = app();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> attempt = () -> use(app, "race", NOW.plusSeconds(60), NOW);
                results.add(pool.submit(attempt));
            }
            int through = 0;
            for (Future<Boolean> r : results) {
                try {
                    if (r.get()) through++;
                } catch (java.util.concurrent.ExecutionException e) {
                    // a serialization failure under contention is a refusal too
                }
            }
            assertEquals(1, through);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sweepDeletesOnlyExpiredRowsAndDeletingTheAppDeletesItsRows() {
        String app = app();
        long before = rows();
        use(app, "old", NOW.minus(Duration.ofMinutes(1)), NOW.minus(Duration.ofMinutes(5)));
        use(app, "live", NOW.plus(Duration.ofMinutes(1)), NOW);
        int swept = database.inTransaction(tx -> jtis.deleteExpired(tx, NOW));
        assertTrue(swept >= 1);
        assertFalse(use(app, "live", NOW.plus(Duration.ofMinutes(1)), NOW), "the live one stays");
        database.inTransaction(tx -> tx.update("DELETE FROM apps WHERE id = ?", app));
        assertTrue(rows() <= before, "cascade");
    }
}

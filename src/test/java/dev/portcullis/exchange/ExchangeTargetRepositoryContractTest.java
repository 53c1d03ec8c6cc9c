package dev.portcullis.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ExchangeTargetRepository}'s promises on both databases: a replace is the whole list, and targets go with their app. */
@ParameterizedClass
@EnumSource(Db.class)
class ExchangeTargetRepositoryContractTest extends RepositoryContract {
    static final ExchangeTargetRepository targets = new SqlExchangeTargetRepository();
    static final String API = "https://as.example.com/v2";
    static final String MCP = "https://mcp.example.com/mcp";

    static String app() {
        return database.inTransaction(tx -> Seed.app(tx, "Exchanger", NOW));
    }

    static void replace(String app, List<String> resources) {
        database.inTransaction(tx -> {
            targets.replace(tx, app, resources);
            return null;
        });
    }

    @Test
    void aReplaceIsTheWholeList() {
        String app = app();
        replace(app, List.of(MCP, API, API));
        assertEquals(List.of(API, MCP), database.read(tx -> targets.list(tx, app)));

        replace(app, List.of(MCP));

        assertEquals(List.of(MCP), database.read(tx -> targets.list(tx, app)));
        assertTrue((boolean) database.read(tx -> targets.allows(tx, app, MCP)));
        assertFalse((boolean) database.read(tx -> targets.allows(tx, app, API)));
    }

    @Test
    void anAppWithoutTargetsMayExchangeForNothing() {
        String app = app();
        String other = app();
        replace(other, List.of(API));

        assertEquals(List.of(), database.read(tx -> targets.list(tx, app)));
        assertFalse((boolean) database.read(tx -> targets.allows(tx, app, API)));
    }

    @Test
    void targetsGoWithTheirApp() {
        String app = app();
        replace(app, List.of(API));

        database.inTransaction(tx -> tx.update("DELETE FROM apps WHERE id = ?", app));

        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT COUNT(*) AS n FROM token_exchange_targets WHERE app_id = ?", app)));
    }
}

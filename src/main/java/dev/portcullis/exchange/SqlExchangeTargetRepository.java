package dev.portcullis.exchange;

import dev.portcullis.storage.Tx;
import java.util.List;

/** {@link ExchangeTargetRepository} in one SQL for SQLite and PostgreSQL. */
public final class SqlExchangeTargetRepository implements ExchangeTargetRepository {

    @Override
    public List<String> list(Tx tx, String appId) {
        return tx.query("SELECT resource FROM token_exchange_targets WHERE app_id = ? ORDER BY resource",
                r -> r.text("resource"), appId);
    }

    @Override
    public boolean allows(Tx tx, String appId, String resource) {
        return tx.queryOne("SELECT 1 AS found FROM token_exchange_targets WHERE app_id = ? AND resource = ?",
                r -> true, appId, resource).isPresent();
    }

    @Override
    public void replace(Tx tx, String appId, List<String> resources) {
        tx.update("DELETE FROM token_exchange_targets WHERE app_id = ?", appId);
        for (String resource : resources.stream().distinct().toList()) {
            tx.update("INSERT INTO token_exchange_targets (app_id, resource) VALUES (?, ?)", appId, resource);
        }
    }
}

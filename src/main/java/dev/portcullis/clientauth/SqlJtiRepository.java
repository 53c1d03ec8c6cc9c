package dev.portcullis.clientauth;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;

/** {@link JtiRepository} in one SQL for SQLite and PostgreSQL (both have INSERT ... ON CONFLICT). */
public final class SqlJtiRepository implements JtiRepository {

    @Override
    public boolean use(Tx tx, String clientId, SecretHash jti, Instant expiresAt, Instant now) {
        // A conflicting row only yields to the new use once it has expired: 0 rows changed is a replay.
        return tx.update("INSERT INTO client_assertion_jtis (app_id, jti_hash, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (app_id, jti_hash) DO UPDATE SET expires_at = excluded.expires_at "
                + "WHERE client_assertion_jtis.expires_at <= ?", clientId, jti.hex(), expiresAt, now) == 1;
    }

    @Override
    public int deleteExpired(Tx tx, Instant now) {
        return tx.update("DELETE FROM client_assertion_jtis WHERE expires_at <= ?", now);
    }
}

package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Pending logins in SQL, so the instance that takes the code need not be the one that took the password. */
public final class SqlPendingLoginRepository implements PendingLoginRepository {

    @Override
    public void insert(Tx tx, SecretHash id, Stored p) {
        tx.update("INSERT INTO mfa_pending_logins (id_hash, user_id, return_to, method, expires_at) VALUES (?, ?, ?, ?, ?)",
                id.hex(), p.userId(), p.returnTo(), p.method(), p.expiresAt());
    }

    @Override
    public Optional<Stored> find(Tx tx, SecretHash id, Instant now) {
        return tx.queryOne("SELECT user_id, return_to, method, expires_at FROM mfa_pending_logins WHERE id_hash = ? AND expires_at > ?",
                r -> new Stored(r.text("user_id"), r.text("return_to"), r.text("method"), r.instant("expires_at")), id.hex(), now);
    }

    @Override
    public boolean delete(Tx tx, SecretHash id) {
        return tx.update("DELETE FROM mfa_pending_logins WHERE id_hash = ?", id.hex()) == 1;
    }

    @Override
    public int deleteExpiredOf(Tx tx, String userId, Instant now) {
        return tx.update("DELETE FROM mfa_pending_logins WHERE user_id = ? AND expires_at <= ?", userId, now);
    }
}

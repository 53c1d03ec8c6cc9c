package dev.portcullis.identity;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** Login sessions in SQL, so any instance behind the load balancer can serve any request. */
public final class SqlLoginSessionRepository implements LoginSessionRepository {

    @Override
    public void insert(Tx tx, SecretHash id, Stored s) {
        tx.update("INSERT INTO login_sessions (id_hash, user_id, csrf_token, auth_time, last_seen_at, expires_at, amr) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id.hex(), s.userId(), s.csrfToken(), s.authTime(), s.lastSeenAt(), s.expiresAt(), String.join(" ", s.amr()));
    }

    @Override
    public Optional<Stored> find(Tx tx, SecretHash id) {
        return tx.queryOne("SELECT user_id, csrf_token, auth_time, last_seen_at, expires_at, amr FROM login_sessions WHERE id_hash = ?",
                r -> new Stored(r.text("user_id"), r.text("csrf_token"), r.instant("auth_time"), r.instant("last_seen_at"), r.instant("expires_at"),
                        Arrays.stream(r.text("amr").split(" ")).filter(m -> !m.isEmpty()).toList()),
                id.hex());
    }

    @Override
    public void touch(Tx tx, SecretHash id, Instant lastSeenAt) {
        tx.update("UPDATE login_sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?", lastSeenAt, id.hex(), lastSeenAt);
    }

    @Override
    public boolean delete(Tx tx, SecretHash id) {
        return tx.update("DELETE FROM login_sessions WHERE id_hash = ?", id.hex()) == 1;
    }

    @Override
    public int deleteExpiredOf(Tx tx, String userId, Instant now, Instant idleBefore) {
        return tx.update("DELETE FROM login_sessions WHERE user_id = ? AND (expires_at <= ? OR last_seen_at <= ?)", userId, now, idleBefore);
    }
}

package dev.portcullis.identity;

import dev.portcullis.events.Actor;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Login sessions in SQL, so any instance behind the load balancer can serve any request. */
public final class SqlLoginSessionRepository implements LoginSessionRepository {

    @Override
    public void insert(Tx tx, SecretHash id, Stored s, Actor.Origin origin) {
        tx.update("INSERT INTO login_sessions (id_hash, user_id, csrf_token, auth_time, last_seen_at, expires_at, user_agent, client_address, "
                        + "amr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id.hex(), s.userId(), s.csrfToken(), s.authTime(), s.lastSeenAt(), s.expiresAt(),
                origin.userAgent().map(SqlLoginSessionRepository::bounded).orElse(null), origin.address().orElse(null),
                String.join(" ", s.amr()));
    }

    /** A User-Agent is only shown, summarised; an absurdly long one is not worth storing whole. */
    static String bounded(String userAgent) {
        return userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }

    @Override
    public List<Listed> listOf(Tx tx, String userId, Instant now, Instant idleBefore) {
        return tx.query("SELECT id_hash, user_agent, client_address, auth_time, last_seen_at FROM login_sessions "
                        + "WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC, id_hash",
                r -> new Listed(new SecretHash(r.text("id_hash")), r.optionalText("user_agent"),
                        r.optionalText("client_address"), r.instant("auth_time"), r.instant("last_seen_at")),
                userId, now, idleBefore);
    }

    @Override
    public boolean deleteOf(Tx tx, String userId, String handle) {
        if (!LoginSessionRepository.isHandle(handle)) return false;
        return tx.update("DELETE FROM login_sessions WHERE user_id = ? AND substr(id_hash, 1, 16) = ?", userId, handle) > 0;
    }

    @Override
    public int deleteAllOf(Tx tx, String userId, Optional<SecretHash> keep) {
        return keep.isPresent()
                ? tx.update("DELETE FROM login_sessions WHERE user_id = ? AND id_hash <> ?", userId, keep.get().hex())
                : tx.update("DELETE FROM login_sessions WHERE user_id = ?", userId);
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

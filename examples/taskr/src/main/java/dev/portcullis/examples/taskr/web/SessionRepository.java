package dev.portcullis.examples.taskr.web;

import dev.portcullis.examples.taskr.storage.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/** Sessions by the SHA-256 of their cookie value, so a copy of the database logs nobody in. */
final class SessionRepository {
    private static final Duration LIFETIME = Duration.ofHours(12);
    private final Database db;
    private final Clock clock;

    SessionRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Session create(String cookieValue, Optional<String> userId, String csrfToken) {
        long now = clock.millis();
        db.update("DELETE FROM sessions WHERE expires_at < ?", now);
        String idHash = hash(cookieValue);
        db.update("INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                idHash, userId.orElse(null), csrfToken, now + LIFETIME.toMillis());
        return new Session(idHash, userId, csrfToken, Optional.empty(), Optional.empty(), Optional.empty());
    }

    Optional<Session> find(String cookieValue) {
        return db.queryOne("SELECT * FROM sessions WHERE id_hash = ? AND expires_at >= ?",
                SessionRepository::session, hash(cookieValue), clock.millis());
    }

    void delete(String idHash) {
        db.update("DELETE FROM sessions WHERE id_hash = ?", idHash);
    }

    void beginAuthorization(String idHash, String state, String verifier) {
        db.update("UPDATE sessions SET oauth_state = ?, pkce_verifier = ? WHERE id_hash = ?", state, verifier, idHash);
    }

    /** Clears state and verifier: each authorization response is usable once (RFC 6749 §10.12). */
    void endAuthorization(String idHash) {
        db.update("UPDATE sessions SET oauth_state = NULL, pkce_verifier = NULL WHERE id_hash = ?", idHash);
    }

    void flash(String idHash, String message) {
        db.update("UPDATE sessions SET flash = ? WHERE id_hash = ?", message, idHash);
    }

    void clearFlash(String idHash) {
        db.update("UPDATE sessions SET flash = NULL WHERE id_hash = ?", idHash);
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getString("id_hash"), Optional.ofNullable(rs.getString("user_id")), rs.getString("csrf_token"),
                Optional.ofNullable(rs.getString("oauth_state")), Optional.ofNullable(rs.getString("pkce_verifier")),
                Optional.ofNullable(rs.getString("flash")));
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

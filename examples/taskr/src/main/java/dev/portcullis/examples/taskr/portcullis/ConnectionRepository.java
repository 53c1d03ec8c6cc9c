package dev.portcullis.examples.taskr.portcullis;

import dev.portcullis.examples.taskr.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/** A user's Portcullis tokens, sealed by {@link TokenCipher}; plaintext never reaches SQL. */
public final class ConnectionRepository {
    private static final Logger LOG = Logger.getLogger(ConnectionRepository.class.getName());
    private final Database db;
    private final TokenCipher cipher;
    private final Clock clock;

    public ConnectionRepository(Database db, TokenCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    public void save(String userId, Tokens tokens) {
        db.update("""
                INSERT INTO connections (user_id, access_token_sealed, refresh_token_sealed, access_expires_at, scope, connected_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET access_token_sealed = excluded.access_token_sealed,
                  refresh_token_sealed = excluded.refresh_token_sealed, access_expires_at = excluded.access_expires_at,
                  scope = excluded.scope""",
                userId, cipher.seal(tokens.accessToken(), accessContext(userId)),
                tokens.refreshToken().map(t -> cipher.seal(t, refreshContext(userId))).orElse(null),
                tokens.accessExpiresAt().map(Instant::toEpochMilli).orElse(null), tokens.scope(), clock.millis());
    }

    /** The user's tokens; empty when not connected or when they were sealed under another key. */
    public Optional<Tokens> find(String userId) {
        try {
            return db.queryOne("SELECT * FROM connections WHERE user_id = ?", rs -> open(userId, rs), userId);
        } catch (TokenCipher.Tampered e) {
            LOG.warning("stored tokens of user " + userId + " cannot be opened with the current key; treating as not connected");
            return Optional.empty();
        }
    }

    public boolean delete(String userId) {
        return db.update("DELETE FROM connections WHERE user_id = ?", userId) > 0;
    }

    private Tokens open(String userId, ResultSet rs) throws SQLException {
        long expires = rs.getLong("access_expires_at");
        Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
        return new Tokens(cipher.open(rs.getString("access_token_sealed"), accessContext(userId)),
                Optional.ofNullable(rs.getString("refresh_token_sealed")).map(s -> cipher.open(s, refreshContext(userId))),
                expiresAt, rs.getString("scope"));
    }

    private static String accessContext(String userId) {
        return "taskr/access_token/" + userId;
    }

    private static String refreshContext(String userId) {
        return "taskr/refresh_token/" + userId;
    }
}

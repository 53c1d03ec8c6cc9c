package dev.portcullis.examples.taskr.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/** Taskr's own SQLite file: a connection per call (SQLite opens fast) and a schema made at start. */
public final class Database {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS users (
              id            TEXT PRIMARY KEY,
              email         TEXT NOT NULL UNIQUE,
              name          TEXT NOT NULL,
              password_hash TEXT NOT NULL,
              created_at    INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS sessions (
              id_hash       TEXT PRIMARY KEY,
              user_id       TEXT REFERENCES users(id) ON DELETE CASCADE,
              csrf_token    TEXT NOT NULL,
              oauth_state   TEXT,
              pkce_verifier TEXT,
              flash         TEXT,
              expires_at    INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS connections (
              user_id              TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
              access_token_sealed  TEXT NOT NULL,
              refresh_token_sealed TEXT,
              access_expires_at    INTEGER,
              scope                TEXT NOT NULL,
              connected_at         INTEGER NOT NULL);
            """;

    private final String url;
    private final SQLiteConfig settings = new SQLiteConfig();

    private Database(Path file) {
        this.url = "jdbc:sqlite:" + file;
        settings.enforceForeignKeys(true);
        settings.setBusyTimeout(5_000);
        settings.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }

    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        Database db = new Database(file);
        db.run(c -> {
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA.split(";")) if (!ddl.isBlank()) s.execute(ddl);
            }
            return null;
        });
        return db;
    }

    /** Runs one statement; answers the number of rows changed. */
    public int update(String sql, Object... args) {
        return run(c -> {
            try (PreparedStatement ps = prepare(c, sql, args)) {
                return ps.executeUpdate();
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        return run(c -> {
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        });
    }

    private <T> T run(Work<T> work) {
        try (Connection c = DriverManager.getConnection(url, settings.toProperties())) {
            return work.run(c);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed")) throw new UniqueViolation(e);
            throw new IllegalStateException("database error", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A unique constraint refused the row (an email already taken). */
    public static final class UniqueViolation extends RuntimeException {
        UniqueViolation(SQLException cause) {
            super("unique constraint violated", cause, false, false);
        }
    }
}

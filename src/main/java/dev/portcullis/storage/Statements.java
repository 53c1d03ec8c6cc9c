package dev.portcullis.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/** Where a {@link Tx} gets its prepared statements, and what it does with them afterwards. */
sealed interface Statements {
    PreparedStatement open(Connection connection, String sql) throws SQLException;

    /** {@code reusable}: the statement ran to the end without an error. */
    void release(Connection connection, String sql, PreparedStatement statement, boolean reusable) throws SQLException;

    static Statements of(Dialect dialect) {
        return dialect == Dialect.SQLITE ? new Cached() : new Fresh();
    }

    /** PostgreSQL: its driver already keeps statements prepared on the server after a few uses. */
    record Fresh() implements Statements {
        @Override
        public PreparedStatement open(Connection connection, String sql) throws SQLException {
            return connection.prepareStatement(sql);
        }

        @Override
        public void release(Connection connection, String sql, PreparedStatement statement, boolean reusable) throws SQLException {
            statement.close();
        }
    }

    /**
     * SQLite compiles the SQL on every prepare, a fifth of the time of a small read. This keeps
     * each pooled connection's statements (the most recent hundred) for reuse. A connection is
     * used by one thread at a time, so only the map of connections is shared; it holds them weakly,
     * so a connection the pool closes takes its statements with it.
     */
    final class Cached implements Statements {
        private static final int PER_CONNECTION = 100;
        private final Map<Connection, Map<String, PreparedStatement>> byConnection =
                Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public PreparedStatement open(Connection connection, String sql) throws SQLException {
            Connection raw = connection.unwrap(Connection.class);
            PreparedStatement cached = of(raw).remove(sql);
            return cached != null && !cached.isClosed() ? cached : raw.prepareStatement(sql);
        }

        @Override
        public void release(Connection connection, String sql, PreparedStatement statement, boolean reusable) throws SQLException {
            if (!reusable) {
                statement.close();
                return;
            }
            statement.clearParameters();
            PreparedStatement previous = of(connection.unwrap(Connection.class)).put(sql, statement);
            if (previous != null && previous != statement) previous.close();
        }

        private Map<String, PreparedStatement> of(Connection raw) {
            return byConnection.computeIfAbsent(raw, c -> new LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                    if (size() <= PER_CONNECTION) return false;
                    try {
                        eldest.getValue().close();
                    } catch (SQLException e) {
                        // closing a statement we no longer want: nothing to recover
                    }
                    return true;
                }
            });
        }
    }
}

package dev.portcullis.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One unit of work on one connection: the small JDBC helper every repository uses. Binds
 * {@link Instant} as epoch milliseconds, enums by name, and {@code null} as SQL NULL.
 */
public final class Tx {
    private final Connection connection;
    private final Dialect dialect;
    private final Statements statements;
    /** Rows for {@link #appendLater}, in order; null outside a transaction, where they are written at once. */
    private final List<PendingRow> pending;

    private record PendingRow(Appends into, Object[] values) {}

    Tx(Connection connection, Dialect dialect, Statements statements) {
        this(connection, dialect, statements, false);
    }

    Tx(Connection connection, Dialect dialect, Statements statements, boolean transaction) {
        this.connection = connection;
        this.dialect = dialect;
        this.statements = statements;
        this.pending = transaction ? new ArrayList<>() : null;
    }

    /**
     * Adds a row to an append-only table when the transaction's body is done ({@link Appends}):
     * it commits or rolls back with the transaction, but cannot be read back within it.
     */
    public void appendLater(Appends into, Object... values) {
        if (values.length != into.width()) throw new IllegalArgumentException("one value per column of " + into.table());
        if (pending == null) update(into.insert(1), values);
        else pending.add(new PendingRow(into, values.clone()));
    }

    /** How many rows are pending: a unit's savepoint notes it, so its rows can be dropped with it. */
    int pendingMark() {
        return pending == null ? 0 : pending.size();
    }

    /** Drops the rows added since {@code mark}: their unit rolled back to its savepoint. */
    void dropPendingAfter(int mark) {
        if (pending != null) pending.subList(mark, pending.size()).clear();
    }

    /** Writes the pending rows, table by table in first-use order, several to a statement. */
    void flushPending() {
        for (Insert insert : inserts(takePending(0, true))) update(insert.sql(), insert.args());
    }

    /**
     * Writes the rows added since {@code mark} that other transactions may change ({@link
     * Appends#rows}): a unit of a SQLite group is done, and the next unit must see them. Rows of
     * append-only logs stay pending for the group's end.
     */
    void flushRowsAfter(int mark) {
        for (Insert insert : inserts(takePending(mark, false))) update(insert.sql(), insert.args());
    }

    /**
     * PostgreSQL: writes the pending rows and commits in one statement of several, which the
     * driver sends as one round trip (with BEGIN before it when nothing else ran in the
     * transaction). If any part fails, the server skips the rest, COMMIT included, and the
     * exception says why. Returns false, having done nothing, when no row is pending.
     */
    boolean flushPendingAndCommit() {
        List<Insert> inserts = inserts(takePending(0, true));
        if (inserts.isEmpty()) return false;
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Insert insert : inserts) {
            sql.append(insert.sql()).append("; ");
            args.addAll(Arrays.asList(insert.args()));
        }
        run(sql.append("COMMIT").toString(), args.toArray(), PreparedStatement::execute);
        return true;
    }

    private record Insert(String sql, Object[] args) {}

    /** Removes and returns the pending rows from {@code mark} on: all of them, or only those of {@link Appends#rows} tables. */
    private List<PendingRow> takePending(int mark, boolean logsToo) {
        if (pending == null || pending.size() <= mark) return List.of();
        List<PendingRow> taken = new ArrayList<>();
        var tail = pending.subList(mark, pending.size());
        tail.removeIf(row -> (logsToo || !row.into().isLog()) && taken.add(row));
        return taken;
    }

    /** Rows as INSERTs, table by table in first-use order, several rows to a statement. */
    private static List<Insert> inserts(List<PendingRow> rows) {
        if (rows.isEmpty()) return List.of();
        var byTable = new LinkedHashMap<Appends, List<Object[]>>();
        for (PendingRow row : rows) byTable.computeIfAbsent(row.into(), k -> new ArrayList<>()).add(row.values());
        List<Insert> inserts = new ArrayList<>();
        byTable.forEach((into, values) -> {
            int from = 0;
            for (int size : Appends.chunks(values.size())) {
                Object[] args = new Object[size * into.width()];
                for (int r = 0; r < size; r++) {
                    Object[] row = values.get(from + r);
                    System.arraycopy(row, 0, args, r * row.length, row.length);
                }
                inserts.add(new Insert(into.insert(size), args));
                from += size;
            }
        });
        return inserts;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the affected row count. */
    public int update(String sql, Object... args) {
        return run(sql, args, PreparedStatement::executeUpdate);
    }

    public <T> List<T> query(String sql, Function<Row, T> mapper, Object... args) {
        return run(sql, args, st -> {
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                Row row = new Row(rs);
                while (rs.next()) out.add(mapper.apply(row));
                return out;
            }
        });
    }

    private interface Step<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private <T> T run(String sql, Object[] args, Step<T> step) {
        try {
            PreparedStatement st = statements.open(connection, sql);
            boolean completed = false;
            try {
                for (int i = 0; i < args.length; i++) bind(st, i + 1, args[i]);
                T result = step.apply(st);
                completed = true;
                return result;
            } finally {
                statements.release(connection, sql, st, completed);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public <T> Optional<T> queryOne(String sql, Function<Row, T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        if (rows.size() > 1) throw new DatabaseException("expected at most one row", null);
        return rows.stream().findFirst();
    }

    public long count(String sql, Object... args) {
        return queryOne(sql, r -> r.number("n"), args).orElse(0L);
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        switch (value) {
            case null -> st.setNull(index, Types.NULL);
            case Instant instant -> st.setLong(index, instant.toEpochMilli());
            case Enum<?> e -> st.setString(index, e.name());
            case Boolean b -> st.setBoolean(index, b);
            case Integer n -> st.setInt(index, n);
            case Long n -> st.setLong(index, n);
            case String s -> st.setString(index, s);
            default -> throw new IllegalArgumentException("unsupported SQL parameter type " + value.getClass());
        }
    }

    private RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        boolean unique = "23505".equals(state)
                || (dialect == Dialect.SQLITE && e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE"));
        return unique ? new UniqueViolation(e) : new DatabaseException("SQL failed", e);
    }
}

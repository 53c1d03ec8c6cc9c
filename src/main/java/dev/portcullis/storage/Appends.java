package dev.portcullis.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows a transaction adds that nothing in it reads, changes or deletes again, written when its
 * body is done, several to a statement; on PostgreSQL in the COMMIT's round trip. Two kinds, for
 * SQLite's groups, where several callers' transactions share one:
 * <ul>
 * <li>{@link #log}: an append-only table (the audit log). Its rows of every unit of a group go in
 * together after the units' savepoints, so a savepoint holds no undo copy of its pages.</li>
 * <li>{@link #rows}: rows another transaction may change or delete (a new token, which a
 * concurrent redemption of the same code revokes). They go in at the end of their own unit,
 * inside its savepoint, so a later unit of the same group sees them.</li>
 * </ul>
 * One instance per table, held in a constant: it is a map key by identity.
 */
public final class Appends {
    /** Rows per statement at most; smaller remainders go in halves, so a table has few distinct statements to cache. */
    static final int MAX_ROWS = 32;
    private final String table;
    private final int width;
    private final boolean log;
    /** The INSERT of 2^i rows at index i, built once: a group's flush reuses the same strings, which the statement cache finds at once. */
    private final String[] inserts;

    private Appends(String table, List<String> columns, boolean log) {
        this.table = table;
        this.width = columns.size();
        this.log = log;
        this.inserts = new String[Integer.numberOfTrailingZeros(MAX_ROWS) + 1];
        String one = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        for (int i = 0; i < inserts.length; i++) {
            inserts[i] = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + (one + ", ").repeat((1 << i) - 1) + one;
        }
    }

    /** An append-only table: no transaction changes or deletes a row in the moment after it is written. */
    public static Appends log(String table, List<String> columns) {
        return new Appends(table, columns, true);
    }

    /** Rows that other transactions may change or delete as soon as they exist. */
    public static Appends rows(String table, List<String> columns) {
        return new Appends(table, columns, false);
    }

    boolean isLog() {
        return log;
    }

    String table() {
        return table;
    }

    int width() {
        return width;
    }

    /** The INSERT of {@code rows} rows, a power of two up to {@link #MAX_ROWS} (see {@link #chunks}). */
    String insert(int rows) {
        if (rows > MAX_ROWS || Integer.bitCount(rows) != 1) throw new IllegalArgumentException("rows per INSERT: " + rows);
        return inserts[Integer.numberOfTrailingZeros(rows)];
    }

    /** Splits {@code total} rows into statement sizes: as many of the largest as fit, then powers of two. */
    static List<Integer> chunks(int total) {
        List<Integer> sizes = new ArrayList<>();
        int left = total;
        for (int size = MAX_ROWS; left > 0; size = Math.max(1, size / 2)) {
            while (left >= size) {
                sizes.add(size);
                left -= size;
            }
        }
        return sizes;
    }
}

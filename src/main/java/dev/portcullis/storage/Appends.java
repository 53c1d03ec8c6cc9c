package dev.portcullis.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows a transaction adds to an append-only table, written when its body is done: the rows of
 * every unit of a SQLite group go in together, several to a statement, after the units'
 * savepoints, so a unit's savepoint holds no undo copy of the table's pages. The audit log is
 * the one such table: every token writes a row. Nothing in the transaction may read the rows
 * back before the end. One instance per table, held in a constant: it is a map key by identity.
 */
public final class Appends {
    /** Rows per statement at most; smaller remainders go in halves, so a table has few distinct statements to cache. */
    static final int MAX_ROWS = 32;
    private final String table;
    private final int width;
    /** The INSERT of 2^i rows at index i, built once: a group's flush reuses the same strings, which the statement cache finds at once. */
    private final String[] inserts;

    public Appends(String table, List<String> columns) {
        this.table = table;
        this.width = columns.size();
        this.inserts = new String[Integer.numberOfTrailingZeros(MAX_ROWS) + 1];
        String one = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        for (int i = 0; i < inserts.length; i++) {
            inserts[i] = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + (one + ", ").repeat((1 << i) - 1) + one;
        }
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

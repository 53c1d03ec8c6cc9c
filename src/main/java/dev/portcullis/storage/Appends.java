package dev.portcullis.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows a transaction adds to an append-only table, written when its body is done: the rows of
 * every unit of a SQLite group go in together, several to a statement, after the units'
 * savepoints, so a unit's savepoint holds no undo copy of the table's pages. The audit log is
 * the one such table: every token writes a row. Nothing in the transaction may read the rows
 * back before the end.
 */
public record Appends(String table, List<String> columns) {
    /** Rows per statement at most; smaller remainders go in halves, so a table has few distinct statements to cache. */
    static final int MAX_ROWS = 32;

    public Appends {
        columns = List.copyOf(columns);
    }

    /** The INSERT of {@code rows} rows. */
    String insert(int rows) {
        String one = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + (one + ", ").repeat(rows - 1) + one;
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

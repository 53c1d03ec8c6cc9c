package dev.portcullis.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** One result row, read by column name; instants are stored as UTC epoch milliseconds. */
public final class Row {
    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String text(String column) {
        return get(() -> rs.getString(column));
    }

    public Optional<String> optionalText(String column) {
        return Optional.ofNullable(text(column));
    }

    public long number(String column) {
        return get(() -> rs.getLong(column));
    }

    public Optional<Long> optionalNumber(String column) {
        return get(() -> {
            long n = rs.getLong(column);
            return rs.wasNull() ? Optional.empty() : Optional.of(n);
        });
    }

    public boolean flag(String column) {
        return get(() -> rs.getBoolean(column));
    }

    public Instant instant(String column) {
        return optionalInstant(column).orElseThrow(() -> new DatabaseException("null instant in " + column, null));
    }

    public Optional<Instant> optionalInstant(String column) {
        return get(() -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        });
    }

    private interface SqlRead<T> {
        T read() throws SQLException;
    }

    private static <T> T get(SqlRead<T> read) {
        try {
            return read.read();
        } catch (SQLException e) {
            throw new DatabaseException("cannot read column", e);
        }
    }
}

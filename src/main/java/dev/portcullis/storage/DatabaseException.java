package dev.portcullis.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** A database failure that is not the caller's fault; becomes a server error with an incident id. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code thrown} comes from the database being out of reach (no connection within the
     * pool's timeout, a connection lost, the server shutting down): an outage to retry, not a bug.
     * SQLSTATE class 08 is connection exceptions, 57P operator intervention (PostgreSQL).
     */
    public static boolean isUnavailable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) return true;
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) return true;
        }
        return false;
    }
}

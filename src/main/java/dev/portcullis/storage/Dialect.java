package dev.portcullis.storage;

/** The few places where SQLite and PostgreSQL differ; everything else is one SQL. */
public enum Dialect {
    SQLITE,
    POSTGRES;

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRES : SQLITE;
    }

    /**
     * One migration set serves both; a table only one database uses (the shared rate-limit buckets
     * exist only on PostgreSQL), or a change one database makes differently (SQLite rebuilding
     * events WITHOUT ROWID), goes in that dialect's own location, with a version no common one
     * takes.
     */
    String[] migrationLocations() {
        return switch (this) {
            case SQLITE -> new String[] {"classpath:db/migration/common", "classpath:db/migration/sqlite"};
            case POSTGRES -> new String[] {"classpath:db/migration/common", "classpath:db/migration/postgresql"};
        };
    }

    /** Case-insensitive equality on a text column, for emails and slugs. */
    public String lower(String column) {
        return "lower(" + column + ")";
    }

    /**
     * What a claiming sub-select ends with: on PostgreSQL the rows another instance is claiming
     * are skipped, not waited for; SQLite serializes writers and has no row locks.
     */
    public String skipLocked() {
        return this == POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    }
}

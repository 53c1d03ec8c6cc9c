package dev.portcullis.storage;

/** The few places where SQLite and PostgreSQL differ; everything else is one SQL. */
public enum Dialect {
    SQLITE,
    POSTGRES;

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRES : SQLITE;
    }

    /** One migration set serves both; a dialect-only migration would go in a second location here. */
    String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common"};
    }

    /** Case-insensitive equality on a text column, for emails and slugs. */
    public String lower(String column) {
        return "lower(" + column + ")";
    }
}

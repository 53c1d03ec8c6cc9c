package dev.portcullis.config;

/**
 * Every configuration setting, its environment variable, default and meaning: the one place
 * defaults live (the README's configuration table mirrors this list).
 */
public enum Setting {
    PORT("PORTCULLIS_PORT", "8080", "HTTP port to listen on (0 picks a free port)"),
    HOST("PORTCULLIS_HOST", "0.0.0.0", "Address to bind"),
    ISSUER("PORTCULLIS_ISSUER", "http://localhost:8080", "Public base URL; the OAuth `iss`"),
    DATA_DIR("PORTCULLIS_DATA_DIR", "./data", "Directory for the SQLite file and the local key file"),
    DATABASE_URL("PORTCULLIS_DATABASE_URL", "", "JDBC URL; empty means SQLite at DATA_DIR/portcullis.db; `jdbc:postgresql://...` for production"),
    DATABASE_USER("PORTCULLIS_DATABASE_USER", "", "Database user (PostgreSQL), when not in the URL"),
    DATABASE_PASSWORD("PORTCULLIS_DATABASE_PASSWORD", "", "Database password (PostgreSQL), when not in the URL"),
    DATABASE_POOL_SIZE("PORTCULLIS_DATABASE_POOL_SIZE", "10", "Maximum pooled database connections"),
    MAX_REQUEST_BYTES("PORTCULLIS_MAX_REQUEST_BYTES", "65536", "Largest accepted request body, in bytes");

    private final String env;
    private final String defaultValue;
    private final String description;

    Setting(String env, String defaultValue, String description) {
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String env() { return env; }
    public String defaultValue() { return defaultValue; }
    public String description() { return description; }
}

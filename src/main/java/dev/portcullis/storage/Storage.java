package dev.portcullis.storage;

import java.nio.file.Path;

/**
 * Where the data lives: the settings {@link Database#open} needs. Part of the configuration
 * ({@code Config.storage()}), defined here so storage does not depend on config.
 * {@code databaseUrl} is always a full JDBC URL: the SQLite default is resolved at load time.
 */
public record Storage(Path dataDir, String databaseUrl, String user, String password, int poolSize) {
    public boolean isPostgres() {
        return databaseUrl.startsWith("jdbc:postgresql:");
    }
}

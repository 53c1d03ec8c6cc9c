package dev.portcullis.config;

import java.net.URI;
import java.nio.file.Path;

/** The whole configuration, immutable; built only by {@link ConfigLoader}. */
public record Config(Server server, Storage storage) {

    public record Server(String host, int port, URI issuer, long maxRequestBytes) {}

    /** {@code databaseUrl} is always a full JDBC URL: the SQLite default is resolved at load time. */
    public record Storage(Path dataDir, String databaseUrl, String user, String password, int poolSize) {
        public boolean isPostgres() {
            return databaseUrl.startsWith("jdbc:postgresql:");
        }
    }

    public Config withPort(int port) {
        return new Config(new Server(server.host(), port, server.issuer(), server.maxRequestBytes()), storage);
    }

    public Config withIssuer(URI issuer) {
        return new Config(new Server(server.host(), server.port(), issuer, server.maxRequestBytes()), storage);
    }
}

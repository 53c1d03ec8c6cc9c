package dev.portcullis.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The whole configuration, immutable; built only by {@link ConfigLoader}. */
public record Config(Server server, Storage storage, Sessions sessions, Tokens tokens, Keys keys,
                     Limits limits, Registration registration, Optional<Path> scopesFile, boolean demo) {

    public record Server(String host, int port, URI issuer, long maxRequestBytes) {}

    /** {@code databaseUrl} is always a full JDBC URL: the SQLite default is resolved at load time. */
    public record Storage(Path dataDir, String databaseUrl, String user, String password, int poolSize) {
        public boolean isPostgres() {
            return databaseUrl.startsWith("jdbc:postgresql:");
        }
    }

    public record Sessions(Duration idle, Duration absolute) {}

    public record Tokens(Duration accessTtl, Duration refreshIdle, Duration refreshAbsolute, Duration codeTtl,
                         Duration secretGrace) {}

    /** {@code masterKey} empty means: use (and create) the key file in the data directory. */
    public record Keys(String algorithm, Duration rotation, Optional<String> masterKey) {}

    public record Limits(int readsPerSecond, int writesPerSecond, int tokenPerSecond, int loginAttemptsPerMinute,
                         int registrationsPerHour) {}

    public enum RegistrationPolicy { OPEN, TOKEN, OFF }

    /** {@code documentsAllowPrivate}: Client ID Metadata Documents may be fetched over http from private addresses (development). */
    public record Registration(RegistrationPolicy policy, Optional<String> initialToken, Duration unusedAfter,
                               boolean documentsAllowPrivate) {}

    public Config withServer(Server server) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo);
    }

    public Config withStorage(Storage storage) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo);
    }
}

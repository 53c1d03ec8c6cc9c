package dev.portcullis;

import dev.portcullis.api.ApiRoutes;
import dev.portcullis.config.Config;
import dev.portcullis.config.ScopeCatalog;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.Routes;
import dev.portcullis.introspect.CredentialResolver;
import dev.portcullis.ops.HealthEndpoint;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The composition root: builds the object graph by hand, in dependency order, and mounts every
 * endpoint. Tests build exactly this graph on port 0.
 */
public final class Portcullis implements AutoCloseable {
    private final Config config;
    private final Database database;
    private final ScopeCatalog scopes;
    private final CredentialResolver credentials;
    private final HttpServer http;

    private Portcullis(Config config, Database database, ScopeCatalog scopes, CredentialResolver credentials,
                       HttpServer http) {
        this.config = config;
        this.database = database;
        this.scopes = scopes;
        this.credentials = credentials;
        this.http = http;
    }

    public static Portcullis start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Portcullis start(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        ScopeCatalog scopes = ScopeCatalog.load(config.scopesFile());
        Ids ids = new Ids(random);
        Database database = Database.open(config.storage());
        CredentialResolver credentials = new CredentialResolver(database, scopes, clock);
        try {
            ErrorHandler errors = new ErrorHandler(random, config.server().issuer());
            List<Routes> routes = List.of(
                    new HealthEndpoint(database),
                    new ApiRoutes(config, scopes, credentials, database, ids, clock));
            HttpServer http = HttpServer.start(config.server(), routes, errors, random);
            return new Portcullis(config, database, scopes, credentials, http);
        } catch (RuntimeException e) {
            credentials.close();
            database.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public ScopeCatalog scopes() {
        return scopes;
    }

    /** The one resolver of presented credentials; call {@code evict} after revoking or editing one. */
    public CredentialResolver credentials() {
        return credentials;
    }

    @Override
    public void close() {
        http.close();
        credentials.close();
        database.close();
    }
}

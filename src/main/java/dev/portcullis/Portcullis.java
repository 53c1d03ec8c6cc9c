package dev.portcullis;

import dev.portcullis.config.Config;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.Routes;
import dev.portcullis.ops.HealthEndpoint;
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
    private final HttpServer http;

    private Portcullis(Config config, Database database, HttpServer http) {
        this.config = config;
        this.database = database;
        this.http = http;
    }

    public static Portcullis start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Portcullis start(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        Database database = Database.open(config.storage());
        try {
            ErrorHandler errors = new ErrorHandler(random, config.server().issuer());
            List<Routes> routes = List.of(
                    new HealthEndpoint(database));
            HttpServer http = HttpServer.start(config.server(), routes, errors, random);
            return new Portcullis(config, database, http);
        } catch (RuntimeException e) {
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

    @Override
    public void close() {
        http.close();
        database.close();
    }
}

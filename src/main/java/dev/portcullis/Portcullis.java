package dev.portcullis;

import dev.portcullis.config.Config;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.Routes;
import dev.portcullis.keys.JwksEndpoint;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.KeyRotationSchedule;
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
    private final KeyRing keyRing;
    private final KeyRotationSchedule keyRotation;
    private final HttpServer http;

    private Portcullis(Config config, Database database, KeyRing keyRing, KeyRotationSchedule keyRotation, HttpServer http) {
        this.config = config;
        this.database = database;
        this.keyRing = keyRing;
        this.keyRotation = keyRotation;
        this.http = http;
    }

    public static Portcullis start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Portcullis start(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        Database database = Database.open(config.storage());
        KeyRotationSchedule keyRotation = null;
        try {
            KeyRing keyRing = KeyRing.open(database, config, clock, random);
            keyRotation = KeyRotationSchedule.start(keyRing, clock);
            ErrorHandler errors = new ErrorHandler(random, config.server().issuer());
            List<Routes> routes = List.of(
                    new HealthEndpoint(database),
                    new JwksEndpoint(keyRing));
            HttpServer http = HttpServer.start(config.server(), routes, errors, random);
            return new Portcullis(config, database, keyRing, keyRotation, http);
        } catch (RuntimeException e) {
            if (keyRotation != null) keyRotation.close();
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

    public KeyRing keyRing() {
        return keyRing;
    }

    @Override
    public void close() {
        http.close();
        keyRotation.close();
        database.close();
    }
}

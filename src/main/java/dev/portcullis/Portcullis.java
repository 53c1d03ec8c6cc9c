package dev.portcullis;

import dev.portcullis.apps.AppService;
import dev.portcullis.apps.ClientAuthenticator;
import dev.portcullis.apps.SqlAppRepository;
import dev.portcullis.config.Config;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.Routes;
import dev.portcullis.ops.HealthEndpoint;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.token.AuthorizationCodeGrant;
import dev.portcullis.token.ClientCredentialsGrant;
import dev.portcullis.token.Grants;
import dev.portcullis.token.IdTokens;
import dev.portcullis.token.RefreshTokenGrant;
import dev.portcullis.token.SqlTokenRepository;
import dev.portcullis.token.TokenEndpoint;
import dev.portcullis.token.TokenIssuer;
import dev.portcullis.token.TokenRepository;
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
    private final AppService apps;

    private Portcullis(Config config, Database database, HttpServer http, AppService apps) {
        this.config = config;
        this.database = database;
        this.http = http;
        this.apps = apps;
    }

    public static Portcullis start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Portcullis start(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        Database database = Database.open(config.storage());
        try {
            ErrorHandler errors = new ErrorHandler(random, config.server().issuer());
            Ids ids = new Ids(random);
            AppService apps = new AppService(database, new SqlAppRepository(), ids, random, clock,
                    config.tokens().secretGrace(), () -> { });
            ClientAuthenticator clients = new ClientAuthenticator(apps);
            TokenRepository tokens = new SqlTokenRepository();
            TokenIssuer issuer = new TokenIssuer(tokens, random, config.tokens());
            IdTokens idTokens = (tx, app, code, accessToken, now) -> {
                throw new IllegalStateException("ID tokens arrive with the signing keys");
            };
            Grants grants = new Grants(
                    new AuthorizationCodeGrant(database, tokens, issuer, idTokens, ids, clock),
                    new RefreshTokenGrant(database, tokens, issuer, clock),
                    new ClientCredentialsGrant(database, issuer, clock));
            List<Routes> routes = List.of(
                    new HealthEndpoint(database),
                    new TokenEndpoint(clients, grants));
            HttpServer http = HttpServer.start(config.server(), routes, errors, random);
            return new Portcullis(config, database, http, apps);
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

    public AppService apps() {
        return apps;
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }
}

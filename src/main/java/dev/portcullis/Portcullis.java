package dev.portcullis;

import dev.portcullis.apps.AppService;
import dev.portcullis.apps.ClientAuthenticator;
import dev.portcullis.config.Config;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.Routes;
import dev.portcullis.manage.ManageEndpoint;
import dev.portcullis.ops.HealthEndpoint;
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
import java.time.Clock;
import java.util.List;

/**
 * The composition root: builds the object graph by hand, in dependency order, and mounts every
 * endpoint. Tests build exactly this graph on port 0.
 */
public final class Portcullis implements AutoCloseable {
    private final Core core;
    private final HttpServer http;

    private Portcullis(Core core, HttpServer http) {
        this.core = core;
        this.http = http;
    }

    public static Portcullis start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Portcullis start(Config config, Clock clock) {
        Core core = Core.open(config, clock);
        try {
            return new Portcullis(core, HttpServer.start(config.server(), routes(core), errors(core), core.random()));
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    private static ErrorHandler errors(Core core) {
        return new ErrorHandler(core.random(), core.config().server().issuer());
    }

    private static List<Routes> routes(Core core) {
        Config config = core.config();
        Database database = core.database();
        Clock clock = core.clock();
        ClientAuthenticator clients = new ClientAuthenticator(core.apps());
        TokenRepository tokens = new SqlTokenRepository();
        TokenIssuer issuer = new TokenIssuer(tokens, core.random(), config.tokens());
        IdTokens idTokens = (tx, app, code, accessToken, now) -> {
            throw new IllegalStateException("ID tokens arrive with the signing keys");
        };
        Grants grants = new Grants(
                new AuthorizationCodeGrant(database, tokens, issuer, idTokens, core.ids(), clock),
                new RefreshTokenGrant(database, tokens, issuer, clock),
                new ClientCredentialsGrant(database, issuer, clock));
        return List.of(
                new HealthEndpoint(database),
                new TokenEndpoint(clients, grants),
                new ManageEndpoint(core.operators(), core.identity(), core.apps(), core.apiKeys(), core.resources(), core.scopeCheck()));
    }

    public int port() {
        return http.port();
    }

    public Core core() {
        return core;
    }

    public Config config() {
        return core.config();
    }

    public Database database() {
        return core.database();
    }

    public AppService apps() {
        return core.apps();
    }

    @Override
    public void close() {
        http.close();
        core.close();
    }
}

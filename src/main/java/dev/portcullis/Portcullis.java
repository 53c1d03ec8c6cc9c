package dev.portcullis;

import dev.portcullis.config.Config;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.SqlLoginSessionRepository;
import dev.portcullis.identity.SqlMembershipRepository;
import dev.portcullis.identity.SqlUserRepository;
import dev.portcullis.identity.SqlWorkspaceRepository;
import dev.portcullis.ops.HealthEndpoint;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import dev.portcullis.web.Assets;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.account.AccountPage;
import dev.portcullis.web.login.LoginPages;
import dev.portcullis.web.signup.SignupPage;
import dev.portcullis.web.workspaces.WorkspacePages;
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
            Ids ids = new Ids(random);
            Passwords passwords = new Passwords(random);
            IdentityService identity = new IdentityService(database, new SqlUserRepository(), new SqlWorkspaceRepository(),
                    new SqlMembershipRepository(), passwords, ids, clock);
            LoginSessions loginSessions = new LoginSessions(database, new SqlLoginSessionRepository(), config.sessions(), random);
            SessionCookie sessionCookie = new SessionCookie(config.server().issuer(), config.sessions().absolute());
            CurrentUser currentUser = new CurrentUser(sessionCookie, loginSessions, identity, clock);
            Csrf csrf = new Csrf(random, sessionCookie);
            Pages pages = new Pages();
            List<Routes> routes = List.of(
                    new HealthEndpoint(database),
                    new Assets(),
                    new LoginPages(identity, loginSessions, currentUser, sessionCookie, csrf, pages,
                            config.limits().loginAttemptsPerMinute(), clock),
                    new SignupPage(identity, loginSessions, sessionCookie, csrf, pages, clock),
                    new AccountPage(identity, currentUser, pages),
                    new WorkspacePages(identity, currentUser, pages));
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

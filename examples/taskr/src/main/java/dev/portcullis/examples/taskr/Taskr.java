package dev.portcullis.examples.taskr;

import dev.portcullis.examples.taskr.accounts.AccountPages;
import dev.portcullis.examples.taskr.accounts.UserRepository;
import dev.portcullis.examples.taskr.home.HomePage;
import dev.portcullis.examples.taskr.portcullis.ConnectPages;
import dev.portcullis.examples.taskr.portcullis.ConnectionRepository;
import dev.portcullis.examples.taskr.portcullis.EncryptionKey;
import dev.portcullis.examples.taskr.portcullis.PortcullisClient;
import dev.portcullis.examples.taskr.portcullis.TaskFeed;
import dev.portcullis.examples.taskr.portcullis.TokenCipher;
import dev.portcullis.examples.taskr.storage.Database;
import dev.portcullis.examples.taskr.web.Pages;
import dev.portcullis.examples.taskr.web.SecurityHeaders;
import dev.portcullis.examples.taskr.web.Sessions;
import dev.portcullis.examples.taskr.web.StaticFiles;
import dev.portcullis.examples.taskr.web.WebException;
import io.helidon.webserver.WebServer;
import java.security.SecureRandom;
import java.time.Clock;

/** Composition root: builds Taskr by hand, in dependency order, and starts its web server. */
public final class Taskr implements AutoCloseable {
    private final WebServer server;
    private final Database database;

    private Taskr(WebServer server, Database database) {
        this.server = server;
        this.database = database;
    }

    public static Taskr start(TaskrConfig config, Clock clock) {
        SecureRandom random = new SecureRandom();
        Database db = Database.open(config.dataDir().resolve("taskr.db"));
        TokenCipher cipher = new TokenCipher(EncryptionKey.load(config.encryptionKey(), config.dataDir(), random), random);
        UserRepository users = new UserRepository(db, clock);
        ConnectionRepository connections = new ConnectionRepository(db, cipher, clock);
        Sessions sessions = new Sessions(db, clock, random, config.secureCookies());
        PortcullisClient client = new PortcullisClient(config, clock);
        Pages pages = new Pages();

        WebServer server = WebServer.builder()
                .port(config.port())
                .maxPayloadSize(64 * 1024)
                .shutdownHook(false)
                .routing(r -> r
                        .addFilter(new SecurityHeaders(config.portcullisUrl()))
                        .error(WebException.class, pages::error)
                        .error(Exception.class, pages::unexpected)
                        .register(new HomePage(users, sessions, new TaskFeed(connections, client, clock), pages))
                        .register(new AccountPages(users, sessions, pages))
                        .register(new ConnectPages(config, sessions, connections, client, random))
                        .register(new StaticFiles())
                        .any((req, res) -> pages.error(req, res, new WebException(404, "There is no page here."))))
                .build()
                .start();
        return new Taskr(server, db);
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
    }
}

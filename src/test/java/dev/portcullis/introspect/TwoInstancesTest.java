package dev.portcullis.introspect;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.config.Config;
import dev.portcullis.storage.Storage;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances behind one PostgreSQL, as in production: a token revoked on one is refused by
 * the other within one second (the resolver's cache bound), with no message between them.
 */
class TwoInstancesTest {
    static final Duration DEADLINE = Duration.ofMillis(1500);
    static TestServer a;
    static TestServer b;
    static UserTokens tokens;
    static UserTokens.Member ada;

    @BeforeAll
    static void start() {
        Storage shared = TestDatabases.fresh(Db.POSTGRES);
        a = TestServer.start(TestServer.configFor(shared));
        // Behind one load balancer, every instance has the same public issuer.
        Config second = TestServer.configFor(shared);
        b = TestServer.start(second.withServer(new Config.Server(second.server().host(), second.server().port(),
                a.portcullis().config().server().issuer(), second.server().maxRequestBytes(), List.of())));
        tokens = new UserTokens(a.portcullis());
        ada = tokens.member("Ada Lovelace");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    static int api(TestServer server, String token) {
        return new OAuthClient(server).getWithBearer("/v2/objects", token).statusCode();
    }

    /** Polls instance b until it refuses {@code token}; the time that took. */
    static Duration timeUntilRefusedOnB(String token) throws InterruptedException {
        long start = System.nanoTime();
        while (api(b, token) != 401) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(DEADLINE) > 0) throw new AssertionError("still accepted on b after " + waited.toMillis() + " ms");
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void accessTokenRevokedOnOneInstanceIsRefusedByTheOtherWithinOneSecond() throws Exception {
        var app = tokens.app("object_configuration:read", "offline_access");
        var issued = tokens.issue(ada, app, "object_configuration:read", "offline_access");
        assertEquals(200, api(a, issued.accessToken()));
        assertEquals(200, api(b, issued.accessToken()), "b has it cached now");

        var revoked = new OAuthClient(a).post("/oauth/revoke", basic(app.id(), app.secret()),
                form(params("token", issued.refreshToken().orElseThrow())));
        assertEquals(200, revoked.statusCode());
        assertEquals(401, api(a, issued.accessToken()), "the revoking instance refuses at once");
        Duration took = timeUntilRefusedOnB(issued.accessToken());
        assertTrue(took.compareTo(DEADLINE) <= 0, took.toString());
    }

    @Test
    void jwtIssuedByOneInstanceIsVerifiedByTheOtherAndItsRevocationReachesIt() throws Exception {
        var app = tokens.app(AccessTokenFormat.JWT, new Lifetime.Default(), false, "object_configuration:read");
        var issued = tokens.issue(ada, app, "object_configuration:read");
        assertEquals(200, api(b, issued.accessToken()), "the signing keys are shared through the database");
        var revoked = new OAuthClient(a).post("/oauth2/revoke", basic(app.id(), app.secret()),
                form(params("token", issued.accessToken())));
        assertEquals(200, revoked.statusCode());
        timeUntilRefusedOnB(issued.accessToken());
    }
}

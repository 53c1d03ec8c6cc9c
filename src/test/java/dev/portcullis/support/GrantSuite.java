package dev.portcullis.support;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What every grant's own test suite stands on: the real server on each database, a client to
 * call it, and the user-token fixtures. A suite extends this and is annotated
 * {@code @ParameterizedClass @EnumSource(Db.class)}; its own set-up, if any, runs after this one.
 */
public abstract class GrantSuite {
    @Parameter
    protected Db db;

    protected static TestServer server;
    protected static OAuthClient oauth;
    protected static UserTokens users;

    @BeforeParameterizedClassInvocation
    static void startServer(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        users = new UserTokens(server.portcullis());
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }
}

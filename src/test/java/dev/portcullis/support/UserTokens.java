package dev.portcullis.support;

import dev.portcullis.Portcullis;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.ConnectionService;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.token.SqlTokenRepository;
import dev.portcullis.token.TokenEvents;
import dev.portcullis.token.TokenIssuer;
import dev.portcullis.token.TokenRepository;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * User-bound OAuth tokens made through our real components, as the authorization endpoint will:
 * sign-up, a connection (consent), a grant, then {@link TokenIssuer}. Client_credentials tokens
 * come from the real token endpoint instead.
 */
public final class UserTokens {
    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A user who is admin of {@code workspace} as member {@code memberId}. */
    public record Member(User user, Workspace workspace, String memberId) {}

    /** An app with its secret (confidential apps). */
    public record Client(App app, String secret) {
        public String id() {
            return app.clientId();
        }
    }

    /** What one authorization produced: the family ({@code grantId}) and its first tokens. */
    public record Issued(String grantId, Connection connection, String accessToken, Optional<String> refreshToken) {}

    private final Portcullis portcullis;
    private final ConnectionService connections;
    private final TokenRepository tokens = new SqlTokenRepository();
    private final TokenIssuer issuer;

    public UserTokens(Portcullis portcullis) {
        this.portcullis = portcullis;
        var core = portcullis.core();
        this.connections = new ConnectionService(core.database(), new SqlConnectionRepository(), core.identity(), core.ids(),
                core.clock(), core.credentials(), core.events());
        this.issuer = new TokenIssuer(tokens, new SqlConnectionRepository(), core.random(), core.config().tokens(), core.keys(),
                core.config().server().issuer(), new TokenEvents(core.events()));
    }

    public ConnectionService connections() {
        return connections;
    }

    public Member member(String name) {
        int n = COUNTER.incrementAndGet();
        var identity = portcullis.core().identity();
        User user = identity.signUp(name, "user" + n + "-" + System.nanoTime() + "@example.com", PASSWORD).user();
        Workspace workspace = identity.createWorkspace(user.id(), name + " Inc", "ws-" + n + "-" + System.nanoTime(),
                "https://example.com/logo" + n + ".png");
        String memberId = identity.access(user.id(), workspace.id()).orElseThrow().membership().id();
        return new Member(user, workspace, memberId);
    }

    /** A confidential app with every grant, these scopes, and the given token format and lifetime. */
    public Client app(AccessTokenFormat format, Lifetime lifetime, boolean resourceServer, String... scopes) {
        var settings = new AppSettings("App " + COUNTER.incrementAndGet(), "", Optional.empty(), true,
                AuthMethod.CLIENT_SECRET_BASIC,
                EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS),
                List.of(scopes), List.of(), format, lifetime, "RS256", resourceServer);
        AppService.Created created = portcullis.apps().create(Actor.system(), Optional.empty(), settings);
        return new Client(created.app(), created.clientSecret().orElseThrow());
    }

    public Client app(String... scopes) {
        return app(AccessTokenFormat.OPAQUE, new Lifetime.Default(), false, scopes);
    }

    /** The member connects the app to their workspace with {@code scopes}; a refresh token comes with offline_access. */
    public Issued issue(Member member, Client client, String... scopes) {
        return issueFor(member, client, Optional.empty(), scopes);
    }

    /** As {@link #issue}, for an RFC 8707 {@code resource} (an MCP server, say). */
    public Issued issueFor(Member member, Client client, Optional<String> resource, String... scopes) {
        List<String> granted = List.of(scopes);
        var core = portcullis.core();
        Instant now = core.clock().instant();
        App app = core.apps().find(client.id()).orElseThrow();
        var access = core.identity().access(member.user().id(), member.workspace().id()).orElseThrow();
        return core.database().inTransaction(tx -> {
            Connection connection = connections.approve(tx, member.user().id(), app.clientId(), access, granted);
            var grant = new TokenRepository.Grant(core.ids().next(), app.clientId(), connection.id(), granted, resource,
                    now, now, issuer.familyExpiry(now));
            tokens.insertGrant(tx, grant);
            String accessToken = issuer.sign(issuer.access(tx, app, Optional.of(grant.id()), granted, resource, now)).value();
            Optional<String> refresh = granted.contains("offline_access")
                    ? Optional.of(issuer.refresh(tx, grant, granted, now))
                    : Optional.empty();
            return new Issued(grant.id(), connection, accessToken, refresh);
        });
    }
}

package dev.portcullis;

import dev.portcullis.api.routes.ApiRoutes;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.authorize.AuthorizeEndpoint;
import dev.portcullis.authorize.PendingApps;
import dev.portcullis.clientauth.ClientAssertions;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.clientauth.ClientSignatures;
import dev.portcullis.clientauth.SqlJtiRepository;
import dev.portcullis.config.Config;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.discovery.DiscoveryEndpoint;
import dev.portcullis.discovery.JwksEndpoint;
import dev.portcullis.endsession.EndSessionEndpoint;
import dev.portcullis.externallogin.ExternalLoginEndpoint;
import dev.portcullis.externallogin.LoginSettings;
import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.federation.UpstreamLoginEndpoint;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.ExternalAccounts;
import dev.portcullis.identity.SqlMembershipRepository;
import dev.portcullis.identity.SqlUserRepository;
import dev.portcullis.identity.SqlWorkspaceRepository;
import dev.portcullis.introspect.IntrospectionEndpoint;
import dev.portcullis.keys.KeyRotationSchedule;
import dev.portcullis.manage.ManageEndpoint;
import dev.portcullis.ops.HealthEndpoint;
import dev.portcullis.ops.Metrics;
import dev.portcullis.ops.MetricsEndpoint;
import dev.portcullis.ratelimit.ExpiredBucketSweep;
import dev.portcullis.registration.ClientMetadataDocuments;
import dev.portcullis.registration.KeySetDocuments;
import dev.portcullis.registration.RegistrationEndpoint;
import dev.portcullis.registration.RequestObjectDocuments;
import dev.portcullis.registration.UnusedAppSweep;
import dev.portcullis.resources.KnownResources;
import dev.portcullis.revoke.RevocationEndpoint;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.storage.Database;
import dev.portcullis.token.AuthorizationCodeGrant;
import dev.portcullis.token.ClientCredentialsGrant;
import dev.portcullis.token.Grants;
import dev.portcullis.token.IdTokens;
import dev.portcullis.token.ImplicitGrant;
import dev.portcullis.token.RefreshTokenGrant;
import dev.portcullis.token.SignedIdTokens;
import dev.portcullis.token.SqlTokenRepository;
import dev.portcullis.token.TokenEndpoint;
import dev.portcullis.token.TokenIssuer;
import dev.portcullis.token.TokenRepository;
import dev.portcullis.userinfo.SignedUserInfo;
import dev.portcullis.userinfo.UserInfoEndpoint;
import dev.portcullis.web.Assets;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.account.AccountPage;
import dev.portcullis.web.apikeys.ApiKeyPages;
import dev.portcullis.web.dashboard.DashboardPages;
import dev.portcullis.web.login.LoginPages;
import dev.portcullis.web.signup.SignupPage;
import dev.portcullis.web.workspaces.WorkspacePages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The composition root: builds the object graph by hand, in dependency order, and mounts every
 * endpoint. Tests build exactly this graph on port 0.
 */
public final class Portcullis implements AutoCloseable {
    private final Core core;
    private final ClientMetadataDocuments documents;
    private final HttpServer http;
    private final Closer closer;

    private Portcullis(Core core, ClientMetadataDocuments documents, HttpServer http, Closer closer) {
        this.core = core;
        this.documents = documents;
        this.http = http;
        this.closer = closer;
    }

    public static Portcullis start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Portcullis start(Config config, Clock clock) {
        Closer closer = new Closer();
        Core core = closer.add(Core.open(config, clock));
        try {
            closer.add(KeyRotationSchedule.start(core.keys(), clock));
            var documents = closer.add(new ClientMetadataDocuments(core.apps(), core.selfRegistered(), core.scopes(), config, clock));
            var keySets = closer.add(new KeySetDocuments(config));
            var requestUris = closer.add(new RequestObjectDocuments(config));
            closer.add(UnusedAppSweep.start(core.selfRegistered(), config.registration().unusedAfter(), clock));
            closer.add(ExpiredBucketSweep.start(core.rateLimits()));
            Metrics metrics = closer.add(new Metrics());
            Pages pages = new Pages();
            HttpServer http = closer.add(HttpServer.start(config.server(), routes(core, pages, documents, keySets, requestUris, metrics),
                    errors(core, pages), core.random(), metrics));
            return new Portcullis(core, documents, http, closer);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    private static ErrorHandler errors(Core core, Pages pages) {
        return new ErrorHandler(core.random(), core.config().server().issuer(), pages);
    }

    private static List<Routes> routes(Core core, Pages pages, ClientMetadataDocuments documents, KeySetDocuments keySets,
                                       RequestObjectDocuments requestUris, Metrics metrics) {
        Config config = core.config();
        Database database = core.database();
        Clock clock = core.clock();
        SessionCookie sessionCookie = new SessionCookie(config.server().issuer(), config.sessions().absolute());
        CurrentUser currentUser = new CurrentUser(sessionCookie, core.sessions(), core.identity(), clock);
        Csrf csrf = new Csrf(core.random(), sessionCookie);
        ClientAddress clientAddress = new ClientAddress(config.server().trustedProxies());
        var resources = new KnownResources(config.server().issuer().toString(), core.resources());
        var signatures = new ClientSignatures(keySets, clock);
        var assertions = new ClientAssertions(config.server().issuer(), database, new SqlJtiRepository(), signatures, clock);
        var clients = new ClientAuthenticator<App>(documents::findClient, core.apps()::verifyClientSecret, assertions);
        TokenRepository tokens = new SqlTokenRepository();
        TokenIssuer issuer = new TokenIssuer(tokens, new SqlConnectionRepository(), core.random(), config.tokens(), core.keys(),
                config.server().issuer());
        IdTokens idTokens = new SignedIdTokens(core.keys(), core.identity(), new SqlConnectionRepository(),
                config.server().issuer().toString());
        Grants grants = new Grants(
                new AuthorizationCodeGrant(database, tokens, issuer, idTokens, core.ids(), clock, core.credentials()),
                new RefreshTokenGrant(database, tokens, issuer, clock, core.credentials()),
                new ClientCredentialsGrant(database, issuer, clock, resources));
        var loginSettings = new LoginSettings(database, config.login());
        var externalLogin = new ExternalLoginEndpoint(new ExternalLoginEndpoint.Dependencies(database,
                new ExternalAccounts(new SqlUserRepository(), new SqlWorkspaceRepository(), new SqlMembershipRepository(), core.ids(), clock),
                loginSettings, core.operators(), sessionCookie, core.sessions(), pages, config.server().issuer().toString(),
                core.random(), clock));
        var passwordLogin = new PasswordLogin(loginSettings, externalLogin, sessionCookie, core.random());
        var authorize = new AuthorizeEndpoint(new AuthorizeEndpoint.Dependencies(database, documents::findClient, core.identity(),
                core.connections(), core.scopes(), currentUser, sessionCookie, core.sessions(), pages, tokens, core.random(),
                config.tokens().codeTtl(), config.server().issuer().toString(), clock, resources,
                new ImplicitGrant(tokens, issuer, idTokens, core.ids()), signatures, requestUris, externalLogin.logins()));
        return List.of(
                new DashboardPages(core.apps(), core.identity(), core.scopes(), currentUser, pages),
                new ApiKeyPages(core.apiKeys(), core.identity(), core.scopes(), currentUser, pages, clock),
                new HealthEndpoint(database),
                new MetricsEndpoint(metrics, config.server().metricsToken()),
                authorize,
                new Assets(),
                new LoginPages(core.identity(), core.sessions(), currentUser, sessionCookie, csrf, pages,
                        core.rateLimits(), config.limits().loginAttemptsPerMinute(), clientAddress, clock,
                        new PendingApps(database, documents::findClient, clock), core.upstreamProviders(), passwordLogin),
                new UpstreamLoginEndpoint(core.upstreamProviders(), core.identity(), core.provisioning(), core.sessions(), sessionCookie,
                        pages, database, config.server().issuer(), core.random(), clock),
                new SignupPage(core.identity(), core.sessions(), sessionCookie, csrf, pages,
                        core.rateLimits().per("signup", config.limits().signupsPerHour(), Duration.ofHours(1)), clientAddress, clock,
                        passwordLogin),
                new AccountPage(core.identity(), core.connections(), currentUser, pages),
                new WorkspacePages(core.identity(), currentUser, pages),
                new TokenEndpoint(clients, grants, core.rateLimits().perSecond("token", config.limits().tokenPerSecond()),
                        core.selfRegistered()::markUsed),
                new IntrospectionEndpoint(clients, core.apps()::find, core.credentials(), config.server().issuer()),
                new RevocationEndpoint(clients, core.credentials(), database, tokens),
                new UserInfoEndpoint(core.credentials(), core.identity(),
                        grantId -> database.read(tx -> tokens.claimsOf(tx, grantId)),
                        new SignedUserInfo(core.apps()::find, core.keys(), config.server().issuer().toString())),
                new EndSessionEndpoint(new EndSessionEndpoint.Dependencies(core.keys(), config.server().issuer().toString(),
                        documents::findClient, currentUser, sessionCookie, core.sessions(), pages)),
                new DiscoveryEndpoint(config, core.scopes()),
                new RegistrationEndpoint(core.apps(), core.selfRegistered(), core.scopes(), config, core.rateLimits(),
                        clientAddress),
                new JwksEndpoint(core.keys()),
                new ApiRoutes(config, core.scopes(), core.credentials(), database, core.ids(), clock, core.rateLimits()),
                externalLogin.linkBack(),
                externalLogin, // before ManageEndpoint, whose /manage/v1/* catch-all would take its routes
                new ManageEndpoint(core.operators(), core.identity(), core.provisioning(), core.apps(), core.apiKeys(), core.resources(),
                        core.scopeCheck(), core.keys(), clock, core.upstreamProviders()));
    }

    public int port() {
        return http.port();
    }

    /** Every mounted route with its error style (docs/routes.md). */
    public List<RouteTable.Route> routes() {
        return http.routes();
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

    /** The one resolver of presented credentials, and the {@code CredentialInvalidation} every writer calls. */
    public CredentialResolver credentials() {
        return core.credentials();
    }

    public ScopeCatalog scopes() {
        return core.scopes();
    }

    public AppService apps() {
        return core.apps();
    }

    /** Clients named by an https client_id (their metadata document); see {@link ClientMetadataDocuments#resolve}. */
    public ClientMetadataDocuments clientMetadataDocuments() {
        return documents;
    }

    @Override
    public void close() {
        closer.close();
    }
}

package dev.portcullis;

import dev.portcullis.api.members.MembersEndpoint;
import dev.portcullis.api.objects.ObjectsEndpoint;
import dev.portcullis.api.routes.ApiRoutes;
import dev.portcullis.api.tasks.SqlTaskRepository;
import dev.portcullis.api.tasks.TasksEndpoint;
import dev.portcullis.api.webhooks.WebhooksEndpoint;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.clientauth.SqlJtiRepository;
import dev.portcullis.config.Config;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.discovery.DiscoveryEndpoint;
import dev.portcullis.discovery.JwksEndpoint;
import dev.portcullis.dpop.BoundTokens;
import dev.portcullis.dpop.DPoPNonces;
import dev.portcullis.dpop.DPoPProofs;
import dev.portcullis.endsession.EndSessionEndpoint;
import dev.portcullis.events.EventRetentionSweep;
import dev.portcullis.federation.SqlUpstreamLinkRepository;
import dev.portcullis.federation.SqlUpstreamLoginRepository;
import dev.portcullis.federation.UpstreamAccounts;
import dev.portcullis.federation.UpstreamClient;
import dev.portcullis.federation.UpstreamLoginEndpoint;
import dev.portcullis.http.ErrorHandler;
import dev.portcullis.http.HttpServer;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.SqlMembershipRepository;
import dev.portcullis.introspect.IntrospectionEndpoint;
import dev.portcullis.keys.KeyRotationSchedule;
import dev.portcullis.mail.Mailer;
import dev.portcullis.manage.ApiKeyRoutes;
import dev.portcullis.manage.AppRoutes;
import dev.portcullis.manage.EventRoutes;
import dev.portcullis.manage.IdentityRoutes;
import dev.portcullis.manage.KeyRoutes;
import dev.portcullis.manage.ManageEndpoint;
import dev.portcullis.manage.UpstreamProviderRoutes;
import dev.portcullis.manage.UserAccessRoutes;
import dev.portcullis.manage.WebhookRoutes;
import dev.portcullis.manage.WorkspaceSecondFactorRoutes;
import dev.portcullis.mfa.WorkspaceRequirements;
import dev.portcullis.ops.HealthEndpoint;
import dev.portcullis.ops.Metrics;
import dev.portcullis.ops.MetricsEndpoint;
import dev.portcullis.par.ParEndpoint;
import dev.portcullis.par.RequestUris;
import dev.portcullis.par.SqlPushedRequestRepository;
import dev.portcullis.ratelimit.ExpiredBucketSweep;
import dev.portcullis.registration.ClientMetadataDocuments;
import dev.portcullis.registration.KeySetDocuments;
import dev.portcullis.registration.RegistrationEndpoint;
import dev.portcullis.registration.RequestObjectDocuments;
import dev.portcullis.registration.UnusedAppSweep;
import dev.portcullis.revoke.RevocationEndpoint;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.storage.Database;
import dev.portcullis.token.TokenEndpoint;
import dev.portcullis.userinfo.SignedUserInfo;
import dev.portcullis.userinfo.UserInfoEndpoint;
import dev.portcullis.web.Assets;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SecondFactorStep;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.account.AccountPage;
import dev.portcullis.web.activity.ActivityPage;
import dev.portcullis.web.activity.RecentActivity;
import dev.portcullis.web.apikeys.ApiKeyPages;
import dev.portcullis.web.dashboard.DashboardPages;
import dev.portcullis.web.flash.Flashes;
import dev.portcullis.web.flash.SqlFlashRepository;
import dev.portcullis.web.home.HomePage;
import dev.portcullis.web.login.LoginPages;
import dev.portcullis.web.signup.PasswordStrengthEndpoint;
import dev.portcullis.web.signup.SignupPage;
import dev.portcullis.web.webhooks.WebhookPages;
import dev.portcullis.web.workspaces.WorkspacePages;
import dev.portcullis.webhooks.DeliveryWorker;
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
            closer.add(EventRetentionSweep.start(core.events(), config.events().retention()));
            closer.add(DeliveryWorker.start(core.database(), core.webhooks(), config.events(), clock, core.random()));
            Metrics metrics = closer.add(new Metrics());
            WebWiring web = WebWiring.of(core);
            Mailer mailer = closer.add(Mailer.open(config.mail(), config.storage().dataDir(), clock));
            HttpServer http = closer.add(HttpServer.start(config.server(), routes(core, web, documents, keySets, requestUris, metrics, mailer),
                    errors(core, web.pages()), core.random(), metrics));
            return new Portcullis(core, documents, http, closer);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    private static ErrorHandler errors(Core core, Pages pages) {
        return new ErrorHandler(core.random(), core.config().server().issuer(), pages);
    }

    /** Every endpoint, in mounting order: an earlier route wins over a later catch-all. */
    private static List<Routes> routes(Core core, WebWiring web, ClientMetadataDocuments documents, KeySetDocuments keySets,
                                       RequestObjectDocuments requestUris, Metrics metrics, Mailer mailer) {
        Config config = core.config();
        Database database = core.database();
        Clock clock = core.clock();
        ClientLookup clients = documents::findClient;
        var tokens = TokenWiring.of(core, clients, keySets);
        var factors = MfaWiring.factors(core);
        var passkeys = MfaWiring.passkeys(core);
        var hasSecondFactor = MfaWiring.hasSecondFactor(factors, passkeys);
        var secondFactor = MfaWiring.step(core, web, hasSecondFactor);
        var external = ExternalLoginWiring.of(core, web, secondFactor);
        var pushed = new RequestUris(database, new SqlPushedRequestRepository(), core.random(), clock);
        var requirements = MfaWiring.requirements(core);
        var authorize = AuthorizeWiring.of(core, web, tokens, clients, requestUris, external.logins(), pushed,
                hasSecondFactor, requirements::required);
        var flashes = new Flashes(database, new SqlFlashRepository(), core.keys(), web.sessionCookie(), clock, core.random());
        var gate = new WorkspaceGate(core.identity(), requirements::required, hasSecondFactor, core.sessions(),
                web.sessionCookie());
        var device = DeviceWiring.of(core, web, tokens, clients, flashes, gate);
        var accountSecurity = AccountSecurityWiring.of(core, web, flashes, external.passwordLogin(), mailer);
        var mfa = MfaWiring.of(core, web, factors, passkeys, secondFactor, requirements, authorize.pendingApps(), flashes, gate);
        var dpop = new DPoPProofs(config.server().issuer(), config.dpop(), new DPoPNonces(core.keys().derivedKey("dpop-nonce"), clock),
                database, new SqlJtiRepository(), clock);
        return List.of(
                new DashboardPages(core.apps(), core.identity(), core.scopes(), web.currentUser(), web.pages(), flashes,
                        web.clientAddress()),
                new ApiKeyPages(core.apiKeys(), core.identity(), gate, core.scopes(), web.currentUser(), web.pages(), clock, flashes,
                        web.clientAddress()),
                new HealthEndpoint(database),
                new MetricsEndpoint(metrics, config.server().metricsToken()),
                authorize.endpoint(),
                new Assets(),
                new LoginPages(core.identity(), core.sessions(), web.currentUser(), web.sessionCookie(), web.csrf(), web.pages(),
                        core.rateLimits(), config.limits().loginAttemptsPerMinute(), web.clientAddress(), clock,
                        authorize.pendingApps(), core.upstreamProviders(), external.passwordLogin(), secondFactor, passkeys),
                mfa.loginStep(),
                upstreamLogin(core, web, secondFactor),
                new SignupPage(core.identity(), core.sessions(), web.sessionCookie(), web.csrf(), web.pages(),
                        core.rateLimits().per("signup", config.limits().signupsPerHour(), Duration.ofHours(1)), web.clientAddress(),
                        clock, external.passwordLogin(), accountSecurity.verificationMail()),
                new PasswordStrengthEndpoint(core.rateLimits(), web.clientAddress()),
                new HomePage(web.currentUser(), web.pages(), external.passwordLogin()),
                new AccountPage(core.identity(), core.connections(), web.currentUser(), web.pages(), flashes,
                        new RecentActivity(core.events(), core.identity(), core.apps()), web.clientAddress(), accountSecurity.section()),
                accountSecurity.verification(),
                accountSecurity.reset(),
                accountSecurity.sessions(),
                mfa.accountPages(),
                mfa.passkeyPages(),
                mfa.workspacePage(),
                new WorkspacePages(core.identity(), gate, web.currentUser(), web.pages(), flashes, web.clientAddress()),
                new ActivityPage(core.events(), core.identity(), gate, core.apps(), web.currentUser(), web.pages()),
                new WebhookPages(core.webhooks(), gate, web.currentUser(), web.pages(), flashes, web.clientAddress()),
                new TokenEndpoint(tokens.clients(), tokens.grants(), core.rateLimits().perSecond("token", config.limits().tokenPerSecond()),
                        core.selfRegistered()::markUsed, dpop, web.clientAddress()),
                new ParEndpoint(tokens.clients(), authorize.checks(), pushed,
                        core.rateLimits().perSecond("par", config.limits().tokenPerSecond()), dpop),
                new IntrospectionEndpoint(tokens.clients(), core.apps()::find, core.credentials(), config.server().issuer()),
                new RevocationEndpoint(tokens.clients(), core.credentials(), database, tokens.tokens(), core.events(),
                        web.clientAddress()),
                new UserInfoEndpoint(core.credentials(), core.identity(),
                        grantId -> database.read(tx -> tokens.tokens().claimsOf(tx, grantId)),
                        new SignedUserInfo(core.apps()::find, core.keys(), config.server().issuer().toString()),
                        new BoundTokens(dpop)),
                new EndSessionEndpoint(core.keys(), config.server().issuer().toString(), clients, web.currentUser(),
                        web.sessionCookie(), core.sessions(), web.pages(), web.clientAddress()),
                new DiscoveryEndpoint(config, core.scopes()),
                new RegistrationEndpoint(core.apps(), core.selfRegistered(), core.scopes(), config, core.rateLimits(),
                        web.clientAddress()),
                new JwksEndpoint(core.keys()),
                device.endpoint(),
                device.page(),
                api(core, web, new BoundTokens(dpop)),
                external.endpoint().linkBack(),
                external.endpoint(), // before ManageEndpoint, whose /manage/v1/* catch-all would take its routes
                manage(core, web, requirements));
    }

    private static UpstreamLoginEndpoint upstreamLogin(Core core, WebWiring web, SecondFactorStep secondFactor) {
        var accounts = new UpstreamAccounts(core.database(), new SqlUpstreamLinkRepository(), core.identity(), core.provisioning(),
                core.random(), core.clock());
        return new UpstreamLoginEndpoint(core.upstreamProviders(), new UpstreamClient(core.clock()), accounts,
                new SqlUpstreamLoginRepository(), core.sessions(), web.sessionCookie(), web.browsers(), web.pages(), core.database(),
                core.config().server().issuer(), core.clock(), web.clientAddress(), secondFactor);
    }

    private static ApiRoutes api(Core core, WebWiring web, BoundTokens boundTokens) {
        Config config = core.config();
        return new ApiRoutes(core.scopes(), core.credentials(), config.server().issuer(),
                core.rateLimits().perSecond("api-read", config.limits().readsPerSecond()),
                core.rateLimits().perSecond("api-write", config.limits().writesPerSecond()),
                new TasksEndpoint(core.database(), new SqlTaskRepository(), core.ids(), core.clock()),
                new MembersEndpoint(core.database(), new SqlMembershipRepository()),
                new ObjectsEndpoint(), new WebhooksEndpoint(core.webhooks(), web.clientAddress()), boundTokens);
    }

    private static ManageEndpoint manage(Core core, WebWiring web, WorkspaceRequirements requirements) {
        return new ManageEndpoint(core.operators(), web.clientAddress(),
                new IdentityRoutes(core.identity(), core.provisioning()),
                new AppRoutes(core.apps(), core.identity(), core.scopeCheck()),
                new ApiKeyRoutes(core.apiKeys(), core.resources()),
                new KeyRoutes(core.keys(), core.clock()),
                new UpstreamProviderRoutes(core.upstreamProviders(), core.identity()),
                ExchangeWiring.of(core).routes(),
                new EventRoutes(core.events()),
                new WebhookRoutes(core.webhooks()),
                new WorkspaceSecondFactorRoutes(core.identity(), requirements),
                new UserAccessRoutes(core.identity(), core.connections(), core.sessions()));
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

package dev.portcullis;

import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.apikeys.SqlApiKeyRepository;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.SelfRegisteredApps;
import dev.portcullis.apps.SqlAppRepository;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.Setting;
import dev.portcullis.connections.ConnectionService;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.events.SqlEventRepository;
import dev.portcullis.federation.SqlUpstreamProviderRepository;
import dev.portcullis.federation.UpstreamProviders;
import dev.portcullis.identity.ExternalAccounts;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.Provisioning;
import dev.portcullis.identity.SqlLoginSessionRepository;
import dev.portcullis.identity.SqlMembershipRepository;
import dev.portcullis.identity.SqlUserRepository;
import dev.portcullis.identity.SqlWorkspaceRepository;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.operators.OperatorTokens;
import dev.portcullis.operators.SqlOperatorTokenRepository;
import dev.portcullis.ratelimit.RateLimits;
import dev.portcullis.resources.ResourceService;
import dev.portcullis.resources.SqlResourceRepository;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.scopes.ScopeCheck;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import dev.portcullis.token.SqlTokenRepository;
import dev.portcullis.webhooks.Outbox;
import dev.portcullis.webhooks.SqlDeliveryRepository;
import dev.portcullis.webhooks.SqlWebhookEndpointRepository;
import dev.portcullis.webhooks.Webhooks;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The domain services without HTTP: what both the server ({@link Portcullis}) and the operator's
 * command line build on, wired by hand in dependency order.
 */
public record Core(Config config, Clock clock, SecureRandom random, Ids ids, Database database,
                   ScopeCatalog scopes, CredentialResolver credentials, IdentityService identity, Provisioning provisioning,
                   LoginSessions sessions, ExternalAccounts externalAccounts,
                   AppService apps, SelfRegisteredApps selfRegistered, ConnectionService connections, KeyRing keys,
                   ScopeCheck scopeCheck, ApiKeyService apiKeys, ResourceService resources, OperatorTokens operators,
                   RateLimits rateLimits, UpstreamProviders upstreamProviders, EventLog events, Webhooks webhooks)
        implements AutoCloseable {

    private static Set<EventType> eventTypes(Set<String> names) {
        return names.stream().map(name -> EventType.byWireName(name).orElseThrow(() -> new ConfigException(
                Setting.EVENTS_SKIPPED.env() + ": '" + name + "' is not an event type (docs/events.md lists them)"))).collect(Collectors.toSet());
    }

    public static Core open(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        Ids ids = new Ids(random);
        ScopeCatalog scopes = ScopeCatalog.load(config.scopesFile());
        Set<EventType> skippedEvents = eventTypes(config.events().skippedTypes());
        Database database = Database.open(config.storage());
        var webhookEndpoints = new SqlWebhookEndpointRepository();
        var deliveries = new SqlDeliveryRepository();
        var outbox = new Outbox(deliveries, webhookEndpoints);
        var events = new EventLog(database, new SqlEventRepository(), random, clock, List.of(outbox), skippedEvents);
        KeyRing keys;
        try {
            keys = KeyRing.open(database, config, clock, random, events);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        var apiKeyRepository = new SqlApiKeyRepository();
        CredentialResolver credentials = new CredentialResolver(database, scopes, keys, config.server().issuer(), clock,
                apiKeyRepository, new SqlTokenRepository());
        try {
            var users = new SqlUserRepository();
            var workspaces = new SqlWorkspaceRepository();
            var memberships = new SqlMembershipRepository();
            var passwords = new Passwords(random);
            var identity = new IdentityService(database, users, workspaces, memberships, passwords, ids, clock, credentials,
                    events);
            var provisioning = new Provisioning(database, users, workspaces, memberships, passwords, ids, clock, credentials,
                    events);
            var externalAccounts = new ExternalAccounts(users, workspaces, memberships, ids, clock, events);
            var sessions = new LoginSessions(database, new SqlLoginSessionRepository(), config.sessions(), random, events);
            var appRepository = new SqlAppRepository();
            var apps = new AppService(database, appRepository, ids, random, clock, config.tokens().secretGrace(), credentials,
                    events);
            var selfRegistered = new SelfRegisteredApps(database, appRepository, apps, ids, random, clock, credentials);
            var connections = new ConnectionService(database, new SqlConnectionRepository(), identity, ids, clock, credentials,
                    events);
            ScopeCheck scopeCheck = ScopeCheck.known(scopes);
            var apiKeys = new ApiKeyService(database, apiKeyRepository, identity, scopeCheck, ids, random, clock,
                    credentials, events);
            var resources = new ResourceService(database, new SqlResourceRepository(), scopeCheck, ids, clock);
            var operators = new OperatorTokens(database, new SqlOperatorTokenRepository(), ids, random, clock, events);
            var rateLimits = RateLimits.open(config, database);
            var upstreamProviders = new UpstreamProviders(database, new SqlUpstreamProviderRepository(), keys, clock);
            var webhooks = new Webhooks(database, webhookEndpoints, deliveries, ws -> identity.findWorkspace(ws).isPresent(), events, keys,
                    config.events().webhooksAllowPrivate(), ids, random, clock, outbox);
            return new Core(config, clock, random, ids, database, scopes, credentials, identity, provisioning, sessions, externalAccounts,
                    apps, selfRegistered, connections, keys, scopeCheck, apiKeys, resources, operators, rateLimits, upstreamProviders,
                    events, webhooks);
        } catch (RuntimeException e) {
            credentials.close();
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        credentials.close();
        database.close();
    }
}

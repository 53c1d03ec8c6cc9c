package dev.portcullis;

import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.apikeys.ScopeCheck;
import dev.portcullis.apikeys.SqlApiKeyRepository;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.SqlAppRepository;
import dev.portcullis.config.Config;
import dev.portcullis.config.ScopeCatalog;
import dev.portcullis.introspect.CredentialResolver;
import dev.portcullis.connections.ConnectionService;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.SqlLoginSessionRepository;
import dev.portcullis.identity.SqlMembershipRepository;
import dev.portcullis.identity.SqlUserRepository;
import dev.portcullis.identity.SqlWorkspaceRepository;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.manage.OperatorTokens;
import dev.portcullis.manage.SqlOperatorTokenRepository;
import dev.portcullis.oauth.Scope;
import dev.portcullis.resources.ResourceService;
import dev.portcullis.resources.SqlResourceRepository;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The domain services without HTTP: what both the server ({@link Portcullis}) and the operator's
 * command line build on, wired by hand in dependency order.
 */
public record Core(Config config, Clock clock, SecureRandom random, Ids ids, Database database,
                   ScopeCatalog scopes, CredentialResolver credentials, IdentityService identity, LoginSessions sessions,
                   AppService apps, ConnectionService connections, KeyRing keys,
                   ScopeCheck scopeCheck, ApiKeyService apiKeys, ResourceService resources, OperatorTokens operators)
        implements AutoCloseable {

    public static Core open(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        Ids ids = new Ids(random);
        ScopeCatalog scopes = ScopeCatalog.load(config.scopesFile());
        Database database = Database.open(config.storage());
        KeyRing keys;
        try {
            keys = KeyRing.open(database, config, clock, random);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        CredentialResolver credentials = new CredentialResolver(database, scopes, keys, config.server().issuer(), clock);
        try {
            var identity = new IdentityService(database, new SqlUserRepository(), new SqlWorkspaceRepository(),
                    new SqlMembershipRepository(), new Passwords(random), ids, clock);
            var sessions = new LoginSessions(database, new SqlLoginSessionRepository(), config.sessions(), random);
            var apps = new AppService(database, new SqlAppRepository(), ids, random, clock, config.tokens().secretGrace(),
                    credentials::evictAll);
            var connections = new ConnectionService(database, new SqlConnectionRepository(), identity, ids, clock,
                    credentials::evictAll);
            ScopeCheck scopeCheck = ScopeCheck.known(name -> Scope.isValid(name) && scopes.isKnown(Scope.of(name)));
            var apiKeys = new ApiKeyService(database, new SqlApiKeyRepository(), identity, scopeCheck, ids, random, clock,
                    credentials::evictAll);
            var resources = new ResourceService(database, new SqlResourceRepository(), scopeCheck, ids, clock);
            var operators = new OperatorTokens(database, new SqlOperatorTokenRepository(), ids, random, clock);
            return new Core(config, clock, random, ids, database, scopes, credentials, identity, sessions, apps, connections,
                    keys, scopeCheck, apiKeys, resources, operators);
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

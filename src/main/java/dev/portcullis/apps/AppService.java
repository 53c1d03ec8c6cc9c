package dev.portcullis.apps;

import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventLog;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Apps as their developers (dashboard, /manage, CLI) see them. An app owned by someone else is
 * "not found", never "forbidden", so its existence does not leak. Apps without an owner
 * (self-registered, metadata documents) are {@link SelfRegisteredApps}.
 */
public final class AppService {
    public static final int MAX_REDIRECT_URIS = 20;
    static final int MIN_IMPORTED_SECRET_LENGTH = 32;

    private final Database db;
    private final AppRepository apps;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration secretGrace;
    private final CredentialInvalidation credentials;
    private final RecentClients recentClients = new RecentClients();
    private final AppEvents events;

    /** {@code events}: every create, update, delete and secret rotation is recorded in its own transaction. */
    public AppService(Database db, AppRepository apps, Ids ids, SecureRandom random, Clock clock, Duration secretGrace,
                      CredentialInvalidation credentials, EventLog events) {
        this.events = new AppEvents(events);
        this.db = db;
        this.apps = apps;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.secretGrace = secretGrace;
        this.credentials = credentials;
    }

    /** A new app; the client secret (confidential apps) is returned here and never again. */
    public record Created(App app, Optional<String> clientSecret) {}

    public Created create(Actor actor, Optional<String> ownerUserId, AppSettings settings) {
        return db.inTransaction(tx -> created(tx, actor, insert(tx, ownerUserId, ids.next(), Optional.empty(), settings, false)));
    }

    /** For imports from another server: keeps the given client id and secret. */
    public Created createWithCredentials(Tx tx, Actor actor, Optional<String> ownerUserId, String clientId, Optional<String> secret,
                                         AppSettings settings) {
        checkClientId(clientId);
        secret.ifPresent(AppService::checkImportedSecret);
        if (secret.isPresent() && !settings.authMethod().usesSecret()) {
            throw OAuthException.validation("client_secret", "An app with token_endpoint_auth_method "
                    + settings.authMethod().wireName() + " has no secret");
        }
        return created(tx, actor, insert(tx, ownerUserId, clientId, secret, settings, false));
    }

    private Created created(Tx tx, Actor actor, Created created) {
        events.created(tx, actor, created.app());
        return created;
    }

    public Optional<App> find(String clientId) {
        return db.read(tx -> apps.find(tx, clientId));
    }

    public Optional<App> find(Tx tx, String clientId) {
        return apps.find(tx, clientId);
    }

    public App get(String actingUserId, String clientId) {
        return db.read(tx -> owned(tx, actingUserId, clientId));
    }

    public List<App> list(String actingUserId) {
        return db.read(tx -> apps.listByOwner(tx, actingUserId));
    }

    public App update(Actor actor, String actingUserId, String clientId, AppSettings settings) {
        App updated = db.inTransaction(tx -> {
            App app = owned(tx, actingUserId, clientId);
            return update(tx, actor, app, settings);
        });
        changed();
        return updated;
    }

    /** Updates an app inside the caller's transaction, keeping its auth method's secrets consistent. */
    public App update(Tx tx, Actor actor, App app, AppSettings settings) {
        checkWritable(settings);
        if (app.authMethod() == AuthMethod.NONE && settings.authMethod() != AuthMethod.NONE
                && apps.secrets(tx, app.clientId(), clock.instant()).isEmpty()) {
            throw OAuthException.validation("token_endpoint_auth_method",
                    "A public app cannot become confidential; create a new app instead");
        }
        apps.update(tx, app.clientId(), settings);
        // Moving to keys retires the secrets now, so switching back later cannot revive one that leaked.
        if (app.authMethod().usesSecret() && !settings.authMethod().usesSecret()) {
            apps.expireSecretsExcept(tx, app.clientId(), "", clock.instant());
        }
        events.updated(tx, actor, app, settings);
        return apps.find(tx, app.clientId()).orElseThrow();
    }

    /**
     * Rules checked on writes only, so an app stored before a rule existed still loads: a safe
     * name, and at most {@link #MAX_REDIRECT_URIS} redirect URIs (each is matched on every request).
     */
    static void checkWritable(AppSettings settings) {
        if (!DisplayText.isSafe(settings.name())) {
            throw OAuthException.validation("name", "Name contains control or text-direction characters");
        }
        if (settings.redirectUris().size() > MAX_REDIRECT_URIS) {
            throw OAuthException.validation("redirect_uris", "At most " + MAX_REDIRECT_URIS + " redirect URIs");
        }
    }

    public void delete(Actor actor, String actingUserId, String clientId) {
        db.inTransaction(tx -> delete(tx, actor, owned(tx, actingUserId, clientId)));
        changed();
    }

    /**
     * A new secret; the old ones stay valid for the grace period, or die now. Shown once.
     */
    public String rotateSecret(Actor actor, String actingUserId, String clientId, boolean revokeOldNow) {
        String secret = db.inTransaction(tx -> rotate(tx, actor, owned(tx, actingUserId, clientId), revokeOldNow));
        changed();
        return secret;
    }

    public List<AppRepository.ClientSecretInfo> secrets(String actingUserId, String clientId) {
        return db.read(tx -> apps.secrets(tx, owned(tx, actingUserId, clientId).clientId(), clock.instant()));
    }

    /** Constant-time in effect: the presented secret is only hashed and looked up, never compared. */
    public boolean verifySecret(String clientId, String presentedSecret) {
        SecretHash hash = SecretHash.of(presentedSecret);
        return db.read(tx -> apps.hasValidSecret(tx, clientId, hash, clock.instant()));
    }

    /** {@link #find} for client authentication: remembered for up to a second ({@link RecentClients}). */
    public Optional<App> findClient(String clientId) {
        return recentClients.app(clientId, () -> find(clientId));
    }

    /** {@link #verifySecret} for client authentication: a verified secret is remembered for up to a second. */
    public boolean verifyClientSecret(String clientId, String presentedSecret) {
        SecretHash hash = SecretHash.of(presentedSecret);
        return recentClients.secretValid(clientId, hash,
                () -> db.read(tx -> apps.hasValidSecret(tx, clientId, hash, clock.instant())));
    }

    // --- Operator acts (the CLI, /manage and imports): any app, no owner check.

    public App updateAsOperator(Actor actor, String clientId, AppSettings settings) {
        App updated = db.inTransaction(tx -> update(tx, actor, existing(tx, clientId), settings));
        changed();
        return updated;
    }

    public void deleteAsOperator(Actor actor, String clientId) {
        db.inTransaction(tx -> delete(tx, actor, existing(tx, clientId)));
        changed();
    }

    public String rotateSecretAsOperator(Actor actor, String clientId, boolean revokeOldNow) {
        String secret = db.inTransaction(tx -> rotate(tx, actor, existing(tx, clientId), revokeOldNow));
        changed();
        return secret;
    }

    /** An app with a given client id and/or secret (generated when absent), e.g. one brought from another server. */
    public Created createWithCredentials(Actor actor, Optional<String> ownerUserId, Optional<String> clientId, Optional<String> secret,
                                         AppSettings settings) {
        return db.inTransaction(tx -> createWithCredentials(tx, actor, ownerUserId, clientId.orElseGet(ids::next), secret, settings));
    }

    public List<App> list(Tx tx, String ownerUserId) {
        return apps.listByOwner(tx, ownerUserId);
    }

    /**
     * Makes {@code secret} the app's one valid secret (others die now), unless it already is valid:
     * for imports that bring an app's existing credentials. True when something changed.
     */
    public boolean importSecret(Tx tx, Actor actor, App app, String secret) {
        checkImportedSecret(secret);
        Instant now = clock.instant();
        if (apps.hasValidSecret(tx, app.clientId(), SecretHash.of(secret), now)) return false;
        String secretId = ids.next();
        addGivenSecret(tx, secretId, app.clientId(), secret, now);
        apps.expireSecretsExcept(tx, app.clientId(), secretId, now);
        events.secretRotated(tx, actor, app, secretId, "imported");
        return true;
    }

    /** The import rules for a given client id and secret, for validating a whole file before applying it. */
    public static void checkImportedCredentials(Optional<String> clientId, Optional<String> secret) {
        clientId.ifPresent(AppService::checkClientId);
        secret.ifPresent(AppService::checkImportedSecret);
    }

    public void credentialsChanged() {
        changed();
    }

    private void changed() {
        recentClients.evictAll();
        credentials.changed();
    }

    private App existing(Tx tx, String clientId) {
        return apps.find(tx, clientId).orElseThrow(() -> OAuthException.notFound("App not found"));
    }

    private boolean delete(Tx tx, Actor actor, App app) {
        boolean deleted = apps.delete(tx, app.clientId());
        events.deleted(tx, actor, app);
        return deleted;
    }

    /** The audit events of apps, for {@link SelfRegisteredApps}, which records its own in its transactions. */
    AppEvents events() {
        return events;
    }

    private String rotate(Tx tx, Actor actor, App app, boolean revokeOldNow) {
        Instant now = clock.instant();
        if (app.authMethod() == AuthMethod.NONE) throw OAuthException.validation("client_secret", "A public app has no secret");
        if (!app.authMethod().usesSecret()) {
            throw OAuthException.validation("client_secret", "This app authenticates with " + app.authMethod().wireName()
                    + ", not a secret; switch its token_endpoint_auth_method first");
        }
        Token token = Token.mint(TokenKind.CLIENT_SECRET, random);
        String secretId = ids.next();
        apps.addSecret(tx, secretId, app.clientId(), token.hash(), token.hint(), now);
        apps.expireSecretsExcept(tx, app.clientId(), secretId, revokeOldNow ? now : now.plus(secretGrace));
        events.secretRotated(tx, actor, app, secretId, revokeOldNow ? "rotated_revoking_old" : "rotated");
        return token.value();
    }

    private App owned(Tx tx, String actingUserId, String clientId) {
        return apps.find(tx, clientId)
                .filter(app -> app.isOwnedBy(actingUserId))
                .orElseThrow(() -> OAuthException.notFound("App not found"));
    }

    Created insert(Tx tx, Optional<String> owner, String clientId, Optional<String> givenSecret,
                           AppSettings settings, boolean selfRegistered) {
        checkWritable(settings);
        Instant now = clock.instant();
        App app = new App(clientId, owner, settings, selfRegistered, now);
        try {
            apps.insert(tx, app);
        } catch (UniqueViolation e) {
            throw new OAuthException(new Failure.Conflict("An app with this client_id exists"));
        }
        if (!settings.authMethod().usesSecret()) return new Created(app, Optional.empty());
        String secret = givenSecret.orElseGet(() -> Token.mint(TokenKind.CLIENT_SECRET, random).value());
        addGivenSecret(tx, ids.next(), clientId, secret, now);
        return new Created(app, Optional.of(secret));
    }

    /** A secret is looked up by its hash alone, so two apps can never share one. */
    private void addGivenSecret(Tx tx, String secretId, String clientId, String secret, Instant now) {
        try {
            apps.addSecret(tx, secretId, clientId, SecretHash.of(secret), secret.substring(secret.length() - 4), now);
        } catch (UniqueViolation e) {
            throw OAuthException.validation("client_secret", "This secret is already used by another app; give each app its own");
        }
    }

    static void checkClientId(String clientId) {
        if (clientId == null || !clientId.matches("[A-Za-z0-9._~:/-]{3,200}")) {
            throw OAuthException.validation("client_id", "client_id must be 3-200 URL-safe characters");
        }
    }

    private static void checkImportedSecret(String secret) {
        if (secret.length() < MIN_IMPORTED_SECRET_LENGTH) {
            throw OAuthException.validation("client_secret", "client_secret must be at least 32 characters");
        }
    }
}

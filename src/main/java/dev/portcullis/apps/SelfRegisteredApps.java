package dev.portcullis.apps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.events.Actor;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Apps without an owner: those clients register themselves (RFC 7591, managed with their
 * registration access token, RFC 7592), those known by a Client ID Metadata Document, and the
 * sweep of the ones never used.
 */
public final class SelfRegisteredApps {
    static final Duration MARK_USED_EVERY = Duration.ofHours(1);

    private final Database db;
    private final AppRepository apps;
    private final AppService owned;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final CredentialInvalidation credentials;
    private final Cache<String, Boolean> recentlyUsed = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(MARK_USED_EVERY).build();

    public SelfRegisteredApps(Database db, AppRepository apps, AppService owned, Ids ids, SecureRandom random, Clock clock,
                              CredentialInvalidation credentials) {
        this.db = db;
        this.apps = apps;
        this.owned = owned;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** A self-registered app with the registration access token (RFC 7592) that manages it; both secrets shown once. */
    public record Registered(App app, Optional<String> clientSecret, String registrationAccessToken) {}

    /** RFC 7591: a new app without an owner; only the hash of its registration access token is stored. */
    /**
     * {@code actor}: who registered (anonymous: the client is not known yet); {@code initialToken}:
     * whether they presented the initial access token (RFC 7591 §3). Recorded as app.self_registered.
     */
    public Registered selfRegister(Actor actor, boolean initialToken, AppSettings settings) {
        Token registrationToken = Token.mint(TokenKind.REGISTRATION_TOKEN, random);
        AppService.Created created = db.inTransaction(tx -> {
            AppService.Created c = owned.insert(tx, Optional.empty(), ids.next(), Optional.empty(), settings, true);
            apps.setRegistrationToken(tx, c.app().clientId(), registrationToken.hash());
            owned.events().selfRegistered(tx, actor, c.app(), initialToken);
            return c;
        });
        return new Registered(created.app(), created.clientSecret(), registrationToken.value());
    }

    /** RFC 7592 §2: the app, if {@code registrationToken} is the one that manages {@code clientId}. */
    public Optional<App> findRegistered(String clientId, SecretHash registrationToken) {
        return db.read(tx -> apps.findRegistered(tx, clientId, registrationToken));
    }

    /**
     * RFC 7592 §2.2: replaces the settings of the app {@code registrationToken} manages with what
     * {@code change} makes of it (which may throw to refuse); empty when the token does not manage it.
     */
    public Optional<App> updateRegistered(Actor actor, String clientId, SecretHash registrationToken,
                                          UnaryOperator<AppSettings> change) {
        Optional<App> updated = db.inTransaction(tx -> apps.findRegistered(tx, clientId, registrationToken)
                .map(app -> owned.update(tx, actor, app, change.apply(app.settings()))));
        updated.ifPresent(app -> credentials.changed());
        return updated;
    }

    /** RFC 7592 §2.3: deletes the app if {@code registrationToken} manages it, and with it every token. */
    public boolean deleteRegistered(Actor actor, String clientId, SecretHash registrationToken) {
        boolean deleted = db.inTransaction(tx -> {
            Optional<App> app = apps.findRegistered(tx, clientId, registrationToken);
            boolean gone = apps.deleteRegistered(tx, clientId, registrationToken);
            if (gone) app.ifPresent(a -> owned.events().deleted(tx, actor, a));
            return gone;
        });
        if (deleted) credentials.changed();
        return deleted;
    }

    /**
     * Records that the app was used (a token was issued to it), so the unused-app sweep spares it.
     * Written at most once an hour per app and instance: the sweep only asks "ever used?".
     */
    public void markUsed(String clientId) {
        if (recentlyUsed.getIfPresent(clientId) != null) return;
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            apps.markUsed(tx, clientId, now, now.minus(MARK_USED_EVERY));
            return null;
        });
        recentlyUsed.put(clientId, Boolean.TRUE);
    }

    /** Deletes self-registered apps never used and created before {@code createdBefore}; how many. */
    public int deleteUnusedSelfRegistered(Instant createdBefore) {
        int deleted = db.inTransaction(tx -> {
            var swept = apps.deleteUnusedSelfRegistered(tx, createdBefore);
            for (var app : swept) owned.events().swept(tx, app.clientId(), app.name());
            return swept.size();
        });
        if (deleted > 0) credentials.changed();
        return deleted;
    }

    /**
     * A client known by its metadata document (its client_id is the document's URL): stored as a
     * self-registered app so codes and tokens can reference it, updated when the document changes.
     * An app with that id that is not self-registered (an operator's import) is returned untouched.
     */
    public App saveDocumentClient(String clientId, AppSettings settings) {
        AppService.checkClientId(clientId);
        try {
            return upsertDocumentClient(clientId, settings);
        } catch (OAuthException e) {
            // Another instance inserted it first (its transaction rolled back): a second one finds it.
            if (!(e.error() instanceof Failure.Conflict)) throw e;
            return upsertDocumentClient(clientId, settings);
        }
    }

    private record Saved(App app, boolean changed) {}

    private App upsertDocumentClient(String clientId, AppSettings settings) {
        AppSettings sorted = sortedRedirects(settings);
        Saved saved = db.inTransaction(tx -> {
            Optional<App> existing = apps.find(tx, clientId);
            if (existing.isEmpty()) {
                App stored = owned.insert(tx, Optional.empty(), clientId, Optional.empty(), sorted, true).app();
                owned.events().metadataFetched(tx, clientId, sorted.name(), "new");
                return new Saved(stored, false);
            }
            App app = existing.get();
            if (!app.selfRegistered() || sortedRedirects(app.settings()).equals(sorted)) return new Saved(app, false);
            AppService.checkWritable(sorted);
            apps.update(tx, clientId, sorted);
            owned.events().metadataFetched(tx, clientId, sorted.name(), "updated");
            return new Saved(apps.find(tx, clientId).orElseThrow(), true);
        });
        if (saved.changed()) credentials.changed();
        return saved.app();
    }

    /** Stored redirect URIs come back in URI order, so compare (and store) them in that order. */
    private static AppSettings sortedRedirects(AppSettings settings) {
        return settings.withRedirectUris(settings.redirectUris().stream()
                .sorted(Comparator.comparing(RedirectUri::value)).toList());
    }
}

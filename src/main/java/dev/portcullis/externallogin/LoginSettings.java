package dev.portcullis.externallogin;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.error.OAuthException;
import dev.portcullis.federation.UpstreamProviders;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.util.Optional;

/**
 * Who decides who the user is: the SaaS's login page and whether Portcullis's own password login
 * is on. The environment gives the defaults; the operator's overrides (/manage/v1, the import file)
 * live in the database, so they survive restarts and reach every instance. Read per request.
 */
public final class LoginSettings {
    private static final LoginSettingsRepository STORE = new SqlLoginSettingsRepository();
    private final Database db;
    private final Config.Login defaults;
    private final UpstreamProviders upstreams;

    public LoginSettings(Database db, Config.Login defaults, UpstreamProviders upstreams) {
        this.db = db;
        this.defaults = defaults;
        this.upstreams = upstreams;
    }

    /** A change as an operator writes it: a null field is kept, an external_login_uri of "" turns external login off. */
    public record Change(String externalLoginUri, Boolean passwordLogin) {}

    /** What applies now. */
    public Config.Login current() {
        return merge(db.read(STORE::find));
    }

    /**
     * Whether an upstream OpenID provider offers a way in. With the password login off and no
     * external login, the login page then shows only the providers' buttons.
     */
    public boolean upstreamLogin() {
        return db.read(upstreams::any);
    }

    public Config.Login defaults() {
        return defaults;
    }

    /**
     * Applies {@code change} over the stored overrides; refuses a result that leaves nobody a way to
     * log in: no password login, no external login and no upstream provider.
     */
    Config.Login change(Change change) {
        check(change);
        return db.inTransaction(tx -> {
            var next = merged(STORE.find(tx), change);
            Config.Login result = merge(next);
            if (!result.passwordLogin() && result.externalLoginUri().isEmpty() && !upstreams.any(tx)) {
                throw OAuthException.validation("password_login",
                        "can be false only while an external_login_uri is set or an upstream provider is configured");
            }
            STORE.save(tx, next);
            return result;
        });
    }

    /** Back to the environment's values. */
    Config.Login reset() {
        db.inTransaction(tx -> {
            STORE.clear(tx);
            return null;
        });
        return defaults;
    }

    /** The import file's checks: what {@link #save} would refuse, before anything is applied. */
    public static void check(Change change) {
        String uri = change.externalLoginUri();
        if (uri != null && !uri.isEmpty() && ConfigLoader.loginUri(uri).isEmpty()) {
            throw OAuthException.validation("external_login_uri", "must be an absolute http(s) URL without a fragment");
        }
    }

    /** The import file's write, inside its transaction: {@code change} over the stored overrides. */
    public static void save(Tx tx, Change change) {
        check(change);
        STORE.save(tx, merged(STORE.find(tx), change));
    }

    private static LoginSettingsRepository.Stored merged(LoginSettingsRepository.Stored stored, Change change) {
        return new LoginSettingsRepository.Stored(
                Optional.ofNullable(change.externalLoginUri()).map(String::strip).or(stored::externalLoginUri),
                Optional.ofNullable(change.passwordLogin()).or(stored::passwordLogin));
    }

    private Config.Login merge(LoginSettingsRepository.Stored stored) {
        Optional<URI> uri = stored.externalLoginUri().isPresent()
                ? stored.externalLoginUri().flatMap(ConfigLoader::loginUri)
                : defaults.externalLoginUri();
        return new Config.Login(uri, stored.passwordLogin().orElse(defaults.passwordLogin()));
    }
}

package dev.portcullis.externallogin;

import dev.portcullis.authorize.ExternalLogin;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The three steps of an external login. {@link #start}: a browser without a session goes to the
 * SaaS's login page with a fresh external_auth_id, bound to that browser. {@link #complete}: the
 * SaaS's backend says who logged in, once, and gets a one-time link back. {@link #finish}: that
 * link, opened in the same browser, becomes a Portcullis login session.
 */
public final class ExternalAuthentications implements ExternalLogin {
    /** As long as the authorization request it continues may wait (PendingRequests.LIFETIME). */
    static final Duration ID_LIFETIME = Duration.ofMinutes(10);
    /** The SaaS redirects at once; the link back is good for a few minutes, once. */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);
    public static final String CALLBACK = "/login/external";

    private final Database db;
    private final ExternalAuthRepository logins;
    private final ExternalDirectory directory;
    private final LoginSettings settings;
    private final Pages pages;
    private final String issuer;
    private final SecureRandom random;
    private final Clock clock;

    public ExternalAuthentications(Database db, ExternalAuthRepository logins, ExternalDirectory directory, LoginSettings settings,
                            Pages pages, String issuer, SecureRandom random, Clock clock) {
        this.db = db;
        this.logins = logins;
        this.directory = directory;
        this.settings = settings;
        this.pages = pages;
        this.issuer = issuer;
        this.random = random;
        this.clock = clock;
    }

    /** Who logged in, and the local path the browser goes on to. */
    record Finished(String userId, String returnTo) {}

    /**
     * A page that moves on to the login page at once, rather than a redirect: the app's page may
     * have started this with a form, and browsers hold every redirect after a form post to that
     * page's CSP form-action, which names Portcullis, not the SaaS. A page ends the chain.
     */
    @Override
    public boolean send(ServerResponse res, String returnTo, SecretHash browser) {
        Optional<URI> page = start(returnTo, browser);
        page.ifPresent(uri -> pages.render(res, 200, "externallogin/continue.jte",
                Map.of("layout", Layout.anonymous("Continue to log in"), "uri", uri.toString())));
        return page.isPresent();
    }

    /** The external login page with a fresh external_auth_id for this browser; empty while no external login is set. */
    Optional<URI> start(String returnTo, SecretHash browser) {
        Optional<URI> page = settings.current().externalLoginUri();
        if (page.isEmpty()) return Optional.empty();
        Token id = Token.mint(TokenKind.EXTERNAL_AUTH, random);
        Instant now = clock.instant();
        var row = new ExternalAuthRepository.Started(id.hash(), browser, Sealed.seal(ReturnTo.safe(returnTo), id, random), now,
                now.plus(ID_LIFETIME));
        db.inTransaction(tx -> {
            logins.insert(tx, row, now);
            return null;
        });
        String base = page.get().toString();
        return Optional.of(URI.create(base + (page.get().getRawQuery() == null ? "?" : "&") + "external_auth_id=" + id.value()));
    }

    /**
     * The SaaS's backend names the user behind {@code request}'s external_auth_id: the user and
     * workspaces are written and the id used up in one transaction, so a refused call (409 for an
     * email of another user) changes nothing and may be retried. Answers the one-time link back.
     * {@code actor} (the operator token) is the actor of the workspace and member events it causes.
     */
    URI complete(CompleteRequest request, Actor actor) {
        CompleteRequest checked = request.validated();
        Token id = Token.parse(checked.externalAuthId()).filter(t -> t.kind() == TokenKind.EXTERNAL_AUTH)
                .orElseThrow(() -> refused("is unknown"));
        Instant now = clock.instant();
        Token link = Token.mint(TokenKind.EXTERNAL_LOGIN_CODE, random);
        db.inTransaction(tx -> {
            String sealed = logins.complete(tx, id.hash(), now).orElseThrow(() -> refused(logins.status(tx, id.hash())
                    .map(s -> s.completed() ? "was already used" : "has expired").orElse("is unknown")));
            String returnTo = Sealed.open(sealed, id).orElseThrow(() -> new IllegalStateException("external login return path unreadable"));
            String userId = directory.save(tx, checked, actor).id();
            logins.attach(tx, id.hash(), userId, link.hash(), now.plus(LINK_LIFETIME), Sealed.seal(returnTo, link, random));
            return null;
        });
        return URI.create(issuer + CALLBACK + "?code=" + URLEncoder.encode(link.value(), StandardCharsets.UTF_8));
    }

    /**
     * The link back, opened by a browser presenting {@code browser}: only the browser that started
     * the login gets in (a link made for one browser cannot log in another: login CSRF), once.
     */
    Finished finish(String code, Optional<SecretHash> browser) {
        Token link = Token.parse(code).filter(t -> t.kind() == TokenKind.EXTERNAL_LOGIN_CODE).orElseThrow(ExternalAuthentications::deadLink);
        if (browser.isEmpty()) throw deadLink();
        Instant now = clock.instant();
        var redeemed = db.inTransaction(tx -> logins.redeem(tx, link.hash(), browser.get(), now)).orElseThrow(ExternalAuthentications::deadLink);
        String returnTo = Sealed.open(redeemed.returnTo(), link).filter(ReturnTo::isLocal).orElse(ReturnTo.DEFAULT);
        return new Finished(redeemed.userId(), returnTo);
    }

    private static OAuthException refused(String why) {
        return OAuthException.validation("external_auth_id", "external_auth_id " + why
                + "; it works once, within " + ID_LIFETIME.toMinutes() + " minutes of the redirect to your login page");
    }

    private static OAuthException deadLink() {
        return new OAuthException(new OAuthError.InvalidRequest("This login link has expired, was already used, or was opened in "
                + "another browser than the one that started the login. Go back to the app and try again."));
    }
}

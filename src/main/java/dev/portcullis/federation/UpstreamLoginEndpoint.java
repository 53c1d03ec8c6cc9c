package dev.portcullis.federation;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.portcullis.authorize.BrowserBinding;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import dev.portcullis.web.SecondFactorStep;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /login/upstream/{id}} sends the browser to the provider; {@code .../callback} takes it
 * back, checks state against this browser's binding cookie (RFC 9700 §4.7.1: login CSRF), redeems
 * the code and starts the login session exactly as the password login does. Every failure is a
 * page whose link returns to the login page with the same return_to, so the OAuth request resumes.
 */
public final class UpstreamLoginEndpoint implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamLoginEndpoint.class);
    /** Long enough to sign in upstream, short enough that a stolen state is soon worthless. */
    static final Duration PENDING_FOR = Duration.ofMinutes(10);

    private final UpstreamProviders providers;
    private final SecondFactorStep secondFactor;
    private final UpstreamClient client;
    private final UpstreamAccounts accounts;
    private final UpstreamLoginRepository pending;
    private final LoginSessions sessions;
    private final SessionCookie cookie;
    private final BrowserBinding binding;
    private final Pages pages;
    private final Database db;
    private final String issuer;
    private final Clock clock;
    private final ClientAddress clientAddress;

    public UpstreamLoginEndpoint(UpstreamProviders providers, UpstreamClient client, UpstreamAccounts accounts,
                                 UpstreamLoginRepository pending, LoginSessions sessions, SessionCookie cookie, BrowserBinding binding,
                                 Pages pages, Database db, URI issuer, Clock clock, ClientAddress clientAddress,
                                 SecondFactorStep secondFactor) {
        this.providers = providers;
        this.secondFactor = secondFactor;
        this.client = client;
        this.accounts = accounts;
        this.pending = pending;
        this.sessions = sessions;
        this.cookie = cookie;
        this.binding = binding;
        this.pages = pages;
        this.db = db;
        this.issuer = issuer.toString().replaceAll("/+$", "");
        this.clock = clock;
        this.clientAddress = clientAddress;
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    @Override
    public void mount(RouteTable routes) {
        routes.get("/login/upstream/{id}", pages.page(this::start));
        routes.get("/login/upstream/{id}/callback", pages.page(this::callback));
    }

    private void start(ServerRequest req, ServerResponse res) {
        String returnTo = ReturnTo.safe(Params.query(req).get("return_to").orElse(null));
        try {
            UpstreamProvider p = providers.find(req.path().pathParameters().get("id")).orElseThrow(UpstreamFailure::unknownProvider);
            SecretHash browser = binding.bind(req, res);
            State state = new State();
            Nonce nonce = new Nonce();
            CodeVerifier verifier = new CodeVerifier();
            URI url = client.authorizationUrl(p, redirectUri(p), state, nonce, verifier);
            Instant now = now();
            var login = new UpstreamLoginRepository.Pending(p.id(), nonce.getValue(), verifier.getValue(), returnTo, now.plus(PENDING_FOR));
            db.inTransaction(tx -> {
                pending.deleteExpired(tx, now);
                pending.insert(tx, SecretHash.of(state.getValue()), browser, login, now);
                return null;
            });
            Pages.redirect(res, url.toString());
        } catch (UpstreamFailure f) {
            fail(res, f, returnTo);
        }
    }

    private void callback(ServerRequest req, ServerResponse res) {
        Optional<SecretHash> browser = binding.presented(req);
        Params query = Params.query(req);
        UpstreamLoginRepository.Pending login;
        UpstreamProvider p;
        try {
            login = claim(req, query, browser);
            p = providers.find(login.providerId()).orElseThrow(UpstreamFailure::unknownProvider);
        } catch (UpstreamFailure f) {
            fail(res, f, browser.flatMap(b -> db.read(tx -> pending.latestReturnTo(tx, b, now()))).orElse(ReturnTo.DEFAULT));
            return;
        }
        try {
            complete(res, query, p, login, Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req)));
        } catch (UpstreamFailure f) {
            fail(res, f, login.returnTo());
        }
    }

    /** The pending sign-in that {@code state} names, if this browser started it for this provider; it is used up either way. */
    private UpstreamLoginRepository.Pending claim(ServerRequest req, Params query, Optional<SecretHash> browser) {
        if (browser.isEmpty()) throw UpstreamFailure.badState("no browser binding cookie");
        String state = query.get("state").filter(s -> !s.isEmpty()).orElseThrow(() -> UpstreamFailure.badState("no state"));
        var login = db.inTransaction(tx -> pending.consume(tx, SecretHash.of(state), browser.get(), now()))
                .orElseThrow(() -> UpstreamFailure.badState("unknown, used, expired or another browser's state"));
        if (!login.providerId().equals(req.path().pathParameters().get("id"))) throw UpstreamFailure.badState("state of another provider");
        return login;
    }

    private void complete(ServerResponse res, Params query, UpstreamProvider p, UpstreamLoginRepository.Pending login,
                          Actor.Origin origin) {
        Optional<String> error = query.get("error");
        if (error.isPresent()) throw UpstreamFailure.denied(p.name(), error.get());
        String code = query.get("code").filter(c -> !c.isEmpty()).orElseThrow(() -> UpstreamFailure.refused(p.name(), "no code"));
        String secret = providers.secretOf(p).orElseThrow(() -> UpstreamFailure.unavailable(p.name(),
                "the client secret does not open with this master key; set it again"));
        var who = client.redeem(p, secret, redirectUri(p), code, new CodeVerifier(login.codeVerifier()), new Nonce(login.nonce()));
        String userId = accounts.userFor(p, who, origin);
        // The provider proved who it is; a second factor enrolled here is still asked (docs/account-security.md).
        if (secondFactor.divert(res, userId, login.returnTo(), UpstreamAccounts.method(p))) return;
        // As the password login: a fresh session id, so a planted cookie cannot ride into the new session (session fixation).
        var started = sessions.logIn(userId, clock.instant(), origin, UpstreamAccounts.method(p));
        cookie.set(res, started.cookieValue());
        Pages.redirect(res, login.returnTo());
    }

    private void fail(ServerResponse res, UpstreamFailure f, String returnTo) {
        LOG.info("upstream sign-in failed ({}): {}", f.status(), f.detail());
        pages.render(res, f.status(), "federation/upstreamError.jte", Map.of(
                "layout", Layout.anonymous(f.title()),
                "message", f.getMessage(),
                "loginHref", "/login?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)));
    }

    /** Where the provider sends the browser back; registered with the provider as the redirect URI. */
    URI redirectUri(UpstreamProvider p) {
        return URI.create(issuer + "/login/upstream/" + p.id() + "/callback");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

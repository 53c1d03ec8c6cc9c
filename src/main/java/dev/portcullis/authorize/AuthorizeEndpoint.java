package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.ConnectionService;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.AuthorizationResponses;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RedirectedError;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.mfa.SecondFactorDemand;
import dev.portcullis.oauth.ResponseType;
import dev.portcullis.oauth.ValidatedRedirect;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.token.IdTokens;
import dev.portcullis.token.ImplicitGrant;
import dev.portcullis.userinfo.Acr;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.SignedIn;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code GET /authorize} and {@code /oauth2/authorize} (RFC 6749 §4.1.1): check the request, keep
 * it server-side, then log in, pick a workspace and consent, and redirect back with a code.
 */
public final class AuthorizeEndpoint implements Routes {
    static final String CONTINUE = "/authorize/continue";
    /** Where a member enrols the second factor a workspace requires (web/account TwoFactorPages). */
    static final String ENROL = "/account/two-factor";
    static final String DECISION = "/authorize/decision";
    static final String SWITCH_ACCOUNT = "/authorize/switch-account";

    private final AuthorizeChecks checks;
    private final PendingRequests pending;
    private final BrowserBinding browsers;
    private final CodeIssuer codes;
    private final ImplicitGrant implicit;
    private final Database db;
    private final ClientLookup apps;
    private final IdentityService identity;
    private final ConnectionService connections;
    private final ChoicePages choices;
    private final CurrentUser currentUser;
    private final SessionCookie sessionCookie;
    private final LoginSessions sessions;
    private final String issuer;
    private final Clock clock;
    private final ExternalLogin externalLogin;
    private final ClientAddress addresses;
    private final boolean requireVerifiedEmail;
    private final Predicate<String> hasSecondFactor;
    private final Predicate<String> workspaceRequiresSecondFactor;

    public AuthorizeEndpoint(AuthorizeChecks checks, PendingRequests pending, BrowserBinding browsers, CodeIssuer codes,
                             ImplicitGrant implicit, ChoicePages choices, Database db, ClientLookup apps, IdentityService identity,
                             ConnectionService connections, CurrentUser currentUser, SessionCookie sessionCookie,
                             LoginSessions sessions, String issuer, Clock clock, ExternalLogin externalLogin,
                             ClientAddress addresses, boolean requireVerifiedEmail, Predicate<String> hasSecondFactor,
                             Predicate<String> workspaceRequiresSecondFactor) {
        this.addresses = addresses;
        this.requireVerifiedEmail = requireVerifiedEmail;
        this.checks = checks;
        this.pending = pending;
        this.browsers = browsers;
        this.codes = codes;
        this.implicit = implicit;
        this.db = db;
        this.apps = apps;
        this.identity = identity;
        this.connections = connections;
        this.choices = choices;
        this.currentUser = currentUser;
        this.sessionCookie = sessionCookie;
        this.sessions = sessions;
        this.issuer = issuer;
        this.clock = clock;
        this.externalLogin = externalLogin;
        this.hasSecondFactor = hasSecondFactor;
        this.workspaceRequiresSecondFactor = workspaceRequiresSecondFactor;
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/authorize", this::start);
        r.get("/oauth2/authorize", this::start);
        // OIDC Core §3.1.2.1: the authorization endpoint must accept POST as well as GET.
        r.post("/authorize", this::startPosted);
        r.post("/oauth2/authorize", this::startPosted);
        r.get(CONTINUE, (req, res) -> {
            Params query = Params.query(req);
            proceed(req, res, claim(req, res, query), Optional.empty(), query.get("current"));
        });
        r.post(CONTINUE, this::picked);
        r.post(DECISION, this::decided);
        r.post(SWITCH_ACCOUNT, this::switchAccount);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.AUTHORIZATION_PAGE;
    }

    private void start(ServerRequest req, ServerResponse res) {
        AuthorizeChecks.Checked checked = checks.check(req.query());
        PendingRequests.Pending saved = pending.save(checked.request(), Optional.of(browsers.bind(req, res)));
        if (checked.request().has(Prompt.LOGIN)) {
            // OIDC Core §3.1.2.1: re-authenticate, so an existing session must not satisfy this request.
            logOut(req, res);
            toLogin(res, saved);
            return;
        }
        proceed(req, res, saved, Optional.empty());
    }

    /**
     * A posted request is checked and saved, then continues as a GET: a cross-site POST carries
     * no SameSite=Lax session cookie, the top-level GET it is redirected to does.
     */
    private void startPosted(ServerRequest req, ServerResponse res) {
        AuthorizeChecks.Checked checked = checks.check(FormParameters.read(req));
        // A cross-site POST brings no cookie: binding here would replace the browser's binding and
        // orphan its other pending requests. The GET it is sent on to claims the request instead.
        PendingRequests.Pending saved = pending.save(checked.request(), Optional.empty());
        res.status(303);
        res.header(HeaderNames.LOCATION, CONTINUE + "?handle=" + saved.handle());
        res.send();
    }

    private void picked(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        PendingRequests.Pending p = load(req, form);
        SignedIn viewer = signedIn(req, res, p);
        if (viewer == null) return;
        Csrf.check(viewer, form);
        proceed(req, res, p, Optional.of(form.require("workspace")));
    }

    private void decided(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        PendingRequests.Pending p = load(req, form);
        SignedIn viewer = signedIn(req, res, p);
        if (viewer == null) return;
        Csrf.check(viewer, form);
        App app = app(p);
        ValidatedRedirect redirect = redirect(app, p);
        if (unverified(viewer)) {
            choices.verifyEmail(res, viewer, app, p);
            return;
        }
        WorkspaceAccess access = workspace(viewer, form.require("workspace"));
        if (!"approve".equals(form.require("decision"))) {
            db.inTransaction(tx -> pending.consume(tx, p.handle()));
            throw RedirectedError.to(redirect, new OAuthError.AccessDenied("The user denied the request"));
        }
        if (secondFactorMissing(req, res, p, viewer, access, redirect, false)) return;
        answer(req, res, viewer, app, redirect, p, access, true);
    }

    /**
     * "Not you? Switch account": ends this browser's login session and sends it to the login page
     * with the same request, which stays bound to the browser, not to the session.
     */
    private void switchAccount(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        PendingRequests.Pending p = load(req, form);
        Optional<SignedIn> viewer = currentUser.find(req);
        if (viewer.isPresent()) {
            Csrf.check(viewer.get(), form);
            logOut(req, res);
        }
        toLogin(res, p, false); // someone else is signing in: no login_hint for the first person
    }

    private void proceed(ServerRequest req, ServerResponse res, PendingRequests.Pending p, Optional<String> chosen) {
        proceed(req, res, p, chosen, Optional.empty());
    }

    /**
     * Where the flow goes next for a signed-in user: workspace, then consent, then the code.
     * {@code current} is the workspace the consent page showed, preselected when the person goes
     * back to the picker.
     */
    private void proceed(ServerRequest req, ServerResponse res, PendingRequests.Pending p, Optional<String> chosen,
                         Optional<String> current) {
        App app = app(p);
        ValidatedRedirect redirect = redirect(app, p);
        boolean silent = p.request().has(Prompt.NONE);
        Optional<SignedIn> viewer = recentEnough(req, p);
        if (viewer.isEmpty()) {
            if (silent) throw RedirectedError.to(redirect, new OAuthError.LoginRequired("The user is not logged in"));
            toFreshLogin(req, res, p);
            return;
        }
        if (unverified(viewer.get())) {
            // PORTCULLIS_REQUIRE_VERIFIED_EMAIL: no app is connected until the address is proven (docs/account-security.md).
            if (silent) throw RedirectedError.to(redirect, new OAuthError.ConsentRequired("The user must verify their email address"));
            choices.verifyEmail(res, viewer.get(), app, p);
            return;
        }
        List<WorkspaceAccess> mine = identity.workspacesOf(viewer.get().userId());
        if (mine.isEmpty()) {
            throw RedirectedError.to(redirect, new OAuthError.AccessDenied("The user is not a member of any workspace"));
        }
        Optional<WorkspaceAccess> workspace = chosen.map(id -> workspace(viewer.get(), id))
                .or(() -> mine.size() == 1 ? Optional.of(mine.getFirst()) : Optional.empty())
                .or(() -> silent ? onlyConnected(viewer.get(), app, p, mine) : Optional.empty());
        if (workspace.isEmpty()) {
            if (silent) throw RedirectedError.to(redirect, new OAuthError.ConsentRequired("The user must choose a workspace"));
            choices.picker(res, viewer.get(), app, p, mine, current);
            return;
        }
        if (secondFactorMissing(req, res, p, viewer.get(), workspace.get(), redirect, silent)) return;
        Optional<Connection> existing = connections.find(viewer.get().userId(), app.clientId(), workspace.get().workspace().id());
        boolean remembered = existing.filter(c -> c.covers(p.request().consentScopes())).isPresent() && !p.request().has(Prompt.CONSENT);
        if (remembered) {
            answer(req, res, viewer.get(), app, redirect, p, workspace.get(), false);
        } else if (silent) {
            throw RedirectedError.to(redirect, new OAuthError.ConsentRequired("The user has not consented"));
        } else {
            choices.consent(res, viewer.get(), app, p, workspace.get(), mine.size() > 1);
        }
    }

    /**
     * The code, or for the implicit response types the tokens, in the request's response mode.
     * {@code consented}: the user said yes on the consent screen just now (consent.granted), rather
     * than a remembered consent answering.
     */
    private void answer(ServerRequest req, ServerResponse res, SignedIn viewer, App app, ValidatedRedirect redirect,
                        PendingRequests.Pending p, WorkspaceAccess access, boolean consented) {
        Actor.Origin origin = Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req));
        Instant now = clock.instant();
        AuthorizeRequest request = p.request();
        Instant authTime = viewer.session().authTime();
        Optional<Answer> answer = db.inTransaction(tx -> {
            if (!pending.consume(tx, p.handle())) return Optional.<Answer>empty();
            Connection connection = consented
                    ? connections.consent(tx, Actor.user(viewer.userId(), origin), viewer.userId(), app.clientId(), access,
                            request.consentScopes())
                    : connections.approve(tx, viewer.userId(), app.clientId(), access, request.consentScopes());
            if (request.responseType() == ResponseType.CODE) {
                return Optional.of(new Answer.Code(codes.issue(tx, request, connection, authTime, viewer.session().amr(), now)));
            }
            var context = new IdTokens.Context(viewer.userId(), app, request.scopes(), request.nonce(), authTime, request.claims(),
                    Acr.answer(request.acrValues(), request.claims(), viewer.session().amr()),
                    request.responseType() == ResponseType.ID_TOKEN_TOKEN, viewer.session().amr());
            return Optional.of(new Answer.Implicit(implicit.draft(tx, Actor.client(app.clientId(), origin), context, connection,
                    request.resource(), now)));
        });
        Map<String, String> params = switch (answer.orElseThrow(AuthorizeEndpoint::expired)) {
            case Answer.Code c -> Map.of("code", c.code());
            case Answer.Implicit i -> implicit.sign(i.draft());
        };
        AuthorizationResponses.send(res, 303, redirect.with(params));
    }

    /** What the approving transaction produced; an implicit draft is signed after it commits. */
    private sealed interface Answer {
        record Code(String code) implements Answer {}
        record Implicit(ImplicitGrant.Draft draft) implements Answer {}
    }

    /** prompt=none with several workspaces: only a single already-connected workspace can answer silently. */
    private Optional<WorkspaceAccess> onlyConnected(SignedIn viewer, App app, PendingRequests.Pending p, List<WorkspaceAccess> mine) {
        List<WorkspaceAccess> connected = mine.stream()
                .filter(w -> connections.find(viewer.userId(), app.clientId(), w.workspace().id())
                        .filter(c -> c.covers(p.request().consentScopes())).isPresent())
                .toList();
        return connected.size() == 1 ? Optional.of(connected.getFirst()) : Optional.empty();
    }

    private boolean unverified(SignedIn viewer) {
        return requireVerifiedEmail && !viewer.user().emailVerified();
    }

    /** The user for a step of {@code p}'s flow (workspace, consent), held to the same login age as the first. */
    private SignedIn signedIn(ServerRequest req, ServerResponse res, PendingRequests.Pending p) {
        Optional<SignedIn> viewer = recentEnough(req, p);
        if (viewer.isEmpty()) toFreshLogin(req, res, p);
        return viewer.orElse(null);
    }

    private Optional<SignedIn> recentEnough(ServerRequest req, PendingRequests.Pending p) {
        return currentUser.find(req).filter(v -> !v.session().authTime().isBefore(loginNotBefore(p)))
                .filter(v -> !needsStepUp(p, v));
    }

    /**
     * A workspace whose admins require a second factor (docs/account-security.md) is not
     * connected on a single-factor session: a member without a factor is sent to enrol one, and
     * comes back here; one with a factor logs in again with both. With prompt=none, login_required.
     */
    private boolean secondFactorMissing(ServerRequest req, ServerResponse res, PendingRequests.Pending p, SignedIn viewer,
                                        WorkspaceAccess access, ValidatedRedirect redirect, boolean silent) {
        var demand = SecondFactorDemand.of(workspaceRequiresSecondFactor.test(access.workspace().id()), viewer.session().multiFactor(),
                () -> hasSecondFactor.test(viewer.userId()));
        if (demand == SecondFactorDemand.NONE) return false;
        if (silent) throw RedirectedError.to(redirect, new OAuthError.LoginRequired("The workspace requires a second factor"));
        if (demand == SecondFactorDemand.LOG_IN_AGAIN) {
            toFreshLogin(req, res, p);
        } else {
            res.status(303);
            res.header(HeaderNames.LOCATION, ENROL + "?return_to=" + URLEncoder.encode(CONTINUE + "?handle=" + p.handle(),
                    StandardCharsets.UTF_8));
            res.send();
        }
        return true;
    }

    /**
     * Step-up (OIDC Core §3.1.2.1 acr_values): a request that accepts only the two-factor acr, a
     * single-factor session, and a user who has a second factor: that session does not answer it,
     * the person logs in again with both (with prompt=none, login_required). Without a second
     * factor no login could do better, so the session answers and the ID token says acr "1".
     */
    private boolean needsStepUp(PendingRequests.Pending p, SignedIn viewer) {
        return Acr.requiresMultiFactor(p.request().acrValues(), p.request().claims()) && !viewer.session().multiFactor()
                && hasSecondFactor.test(viewer.userId());
    }

    /** A session too old for the request ends first: the login page would otherwise wave it through. */
    private void toFreshLogin(ServerRequest req, ServerResponse res, PendingRequests.Pending p) {
        if (currentUser.find(req).isPresent()) logOut(req, res);
        toLogin(res, p);
    }

    private WorkspaceAccess workspace(SignedIn viewer, String workspaceId) {
        return identity.access(viewer.userId(), workspaceId).orElseThrow(() -> OAuthException.notFound("Workspace not found"));
    }

    /**
     * The oldest login that may answer {@code p}: prompt=login wants one after the request, max_age
     * one within that many seconds before it. Measured from the request, as Keycloak does, so time
     * spent on the consent page cannot send a person who has just logged in back to log in again.
     */
    private Instant loginNotBefore(PendingRequests.Pending p) {
        if (p.request().has(Prompt.LOGIN)) return p.createdAt();
        return p.request().maxAgeSeconds().map(p.createdAt()::minusSeconds).orElse(Instant.EPOCH);
    }

    private void logOut(ServerRequest req, ServerResponse res) {
        sessionCookie.read(req).ifPresent(sessions::end);
        sessionCookie.clear(res);
    }

    private App app(PendingRequests.Pending p) {
        return apps.find(p.request().clientId()).filter(App::oauthEnabled)
                .orElseThrow(() -> new OAuthException(new OAuthError.InvalidClient("The app is no longer available", false)));
    }

    private ValidatedRedirect redirect(App app, PendingRequests.Pending p) {
        return ValidatedRedirect.of(p.request().redirectUri(), app.redirectUris(), p.request().state(), issuer)
                .map(r -> r.in(p.request().responseMode()))
                .orElseThrow(() -> new OAuthException(new OAuthError.InvalidRedirectUri("redirect_uri is no longer registered")));
    }

    /** The continue step: a GET, so it carries the browser's cookie, and may claim a request posted from another site. */
    private PendingRequests.Pending claim(ServerRequest req, ServerResponse res, Params params) {
        SecretHash browser = browsers.bind(req, res);
        return params.get("handle").flatMap(h -> pending.find(h, browser)).orElseThrow(AuthorizeEndpoint::expired);
    }

    private PendingRequests.Pending load(ServerRequest req, Params params) {
        return params.get("handle").flatMap(h -> browsers.presented(req).flatMap(b -> pending.find(h, b)))
                .orElseThrow(AuthorizeEndpoint::expired);
    }

    private static OAuthException expired() {
        return new OAuthException(new OAuthError.InvalidRequest(
                "This authorization request has expired or was already answered. Go back to the app and try again."));
    }

    /**
     * To the login page, and back to {@code p} afterwards; OIDC's login_hint fills in the email. With
     * an external login, to the SaaS's login page instead, bound to this request's browser.
     */
    private void toLogin(ServerResponse res, PendingRequests.Pending p) {
        toLogin(res, p, true);
    }

    private void toLogin(ServerResponse res, PendingRequests.Pending p, boolean withHint) {
        String back = CONTINUE + "?handle=" + p.handle();
        if (p.browser().filter(browser -> externalLogin.send(res, back, browser)).isPresent()) return;
        String hint = p.request().loginHint().filter(h -> withHint)
                .map(h -> "&email=" + URLEncoder.encode(h, StandardCharsets.UTF_8)).orElse("");
        res.status(303);
        res.header(HeaderNames.LOCATION, "/login?return_to=" + URLEncoder.encode(back, StandardCharsets.UTF_8) + hint);
        res.send();
    }
}

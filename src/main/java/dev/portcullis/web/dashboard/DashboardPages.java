package dev.portcullis.web.dashboard;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /dashboard}: the signed-in developer's apps. Every POST checks CSRF first, then
 * ownership: another user's app is the 404 page, exactly like a missing one. A successful POST
 * answers 303 to a GET page (Post/Redirect/Get), so a reload repeats nothing; a new client secret
 * rides to that page in a one-time {@link Flash} and is never shown again.
 */
public final class DashboardPages implements Routes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "description", "logo_url", "token_endpoint_auth_method");
    private final AppService apps;
    private final IdentityService identity;
    private final ScopeCatalog catalog;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress addresses;

    public DashboardPages(AppService apps, IdentityService identity, ScopeCatalog catalog, CurrentUser currentUser, Pages pages,
                          Flashes flashes, ClientAddress addresses) {
        this.apps = apps;
        this.identity = identity;
        this.catalog = catalog;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
        this.addresses = addresses;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/dashboard", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            list(res, viewer, 200, Map.of(), FormErrors.none(), flashes.take(req).orElse(null));
        }));
        routing.post("/dashboard/apps", pages.page(this::create));
        routing.get("/dashboard/apps/{clientId}", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            App app = apps.get(viewer.userId(), clientId(req));
            show(res, viewer, 200, page(viewer, app, AppForm.of(app), "", FormErrors.none(), flashes.take(req).orElse(null)));
        }));
        routing.post("/dashboard/apps/{clientId}/settings", pages.page(this::saveSettings));
        routing.post("/dashboard/apps/{clientId}/redirect-uris", pages.page(this::addRedirectUri));
        routing.post("/dashboard/apps/{clientId}/redirect-uris/remove", pages.page(this::removeRedirectUri));
        routing.post("/dashboard/apps/{clientId}/secrets", pages.page(this::rotateSecret));
        routing.get("/dashboard/apps/{clientId}/delete", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            App app = apps.get(viewer.userId(), clientId(req));
            pages.render(res, 200, "dashboard/delete.jte", Map.of("layout", Layout.of("Delete " + app.name(), viewer),
                    "app", app, "path", AppPage.path(app.clientId())));
        }));
        routing.post("/dashboard/apps/{clientId}/delete", pages.page((req, res) -> {
            Posted p = checked(req);
            App app = apps.get(p.viewer().userId(), clientId(req));
            Confirmation.require(p.form(), "delete " + app.name());
            apps.delete(p.actor(), p.viewer().userId(), app.clientId());
            flashes.redirect(req, res, "/dashboard", Flash.notice("apps", "Deleted " + app.name() + "."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    /** {@code actor}: the viewer with the request's origin, for the audit event of whatever the POST changes. */
    private record Posted(SignedIn viewer, Params form, Actor actor) {}

    /** The shared first steps of every POST: signed in, then CSRF, before anything is looked up. */
    private Posted checked(ServerRequest req) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        return new Posted(viewer, form, Actor.user(viewer.userId(), Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Posted p = checked(req);
        Params form = p.form();
        try {
            var method = AppForm.method(form.get("token_endpoint_auth_method").orElse(""));
            var defaults = AppSettings.defaults(form.get("name").orElse("").strip(), method);
            var settings = new AppSettings(defaults.name(), form.get("description").orElse("").strip(),
                    AppForm.logo(form.get("logo_url").orElse("")), true, method, defaults.grantTypes(), defaults.scopes(),
                    List.of(), defaults.accessTokenFormat(), defaults.accessTokenLifetime(), defaults.idTokenAlg(), false);
            var created = apps.create(p.actor(), Optional.of(p.viewer().userId()), settings);
            Flash flash = Flash.notice("overview", "App created.");
            flashes.redirect(req, res, AppPage.path(created.app().clientId()),
                    created.clientSecret().map(secret -> flash.withSecret("Your client secret", secret)).orElse(flash));
        } catch (OAuthException e) {
            list(res, p.viewer(), ErrorCodes.of(e.error()).status(), form.values(), FormErrors.of(e, CREATE_FIELDS, "name"), null);
        }
    }

    private void saveSettings(ServerRequest req, ServerResponse res) {
        Posted p = checked(req);
        App app = apps.get(p.viewer().userId(), clientId(req));
        List<ScopeChoice> choices = choices(app.scopes());
        AppForm entered = AppForm.read(p.form(), ScopeChoice.ticked(choices, p.form()));
        try {
            apps.update(p.actor(), p.viewer().userId(), app.clientId(), entered.toSettings(app.settings()));
            flashes.redirect(req, res, AppPage.path(app.clientId()), Flash.notice("settings", "Settings saved."));
        } catch (OAuthException e) {
            FormErrors errors = FormErrors.of(e, AppForm.FIELDS, "name");
            show(res, p.viewer(), ErrorCodes.of(e.error()).status(), page(p.viewer(), app, entered, "", errors, null));
        }
    }

    /** Redirect URIs are stored exactly as entered (RFC 6749 §3.1.2); a refused one is shown again with the reason. */
    private void addRedirectUri(ServerRequest req, ServerResponse res) {
        Posted p = checked(req);
        App app = apps.get(p.viewer().userId(), clientId(req));
        String entered = p.form().values().getOrDefault("redirect_uri", "");
        String refusal = switch (RedirectUri.check(entered)) {
            case RedirectUri.Check.Invalid invalid -> sentence(invalid.reason());
            case RedirectUri.Check.Valid valid when app.redirectUris().contains(valid.uri()) -> "This redirect URI is already registered";
            case RedirectUri.Check.Valid valid -> {
                List<RedirectUri> uris = new ArrayList<>(app.redirectUris());
                uris.add(valid.uri());
                apps.update(p.actor(), p.viewer().userId(), app.clientId(), app.settings().withRedirectUris(uris));
                yield null;
            }
        };
        if (refusal == null) {
            flashes.redirect(req, res, AppPage.path(app.clientId()), Flash.notice("redirect-uris", "Redirect URI added."));
        } else {
            show(res, p.viewer(), 400, page(p.viewer(), app, AppForm.of(app), entered,
                    FormErrors.on("redirect_uri", refusal), null));
        }
    }

    private void removeRedirectUri(ServerRequest req, ServerResponse res) {
        Posted p = checked(req);
        App app = apps.get(p.viewer().userId(), clientId(req));
        String uri = p.form().values().getOrDefault("uri", "");
        Confirmation.require(p.form(), "remove this redirect URI");
        List<RedirectUri> kept = app.redirectUris().stream().filter(r -> !r.value().equals(uri)).toList();
        if (kept.size() != app.redirectUris().size()) {
            apps.update(p.actor(), p.viewer().userId(), app.clientId(), app.settings().withRedirectUris(kept));
        }
        flashes.redirect(req, res, AppPage.path(app.clientId()), Flash.notice("redirect-uris", "Redirect URI removed."));
    }

    /** The new secret goes to the app page in a one-time flash; the old one lives on for the grace period or dies now. */
    private void rotateSecret(ServerRequest req, ServerResponse res) {
        Posted p = checked(req);
        App app = apps.get(p.viewer().userId(), clientId(req));
        String old = p.form().get("old").orElse("");
        if (old.equals("revoke")) Confirmation.require(p.form(), "revoke the current secrets now");
        try {
            if (!old.equals("grace") && !old.equals("revoke")) {
                throw OAuthException.validation("old", "Choose what happens to the current secret");
            }
            String secret = apps.rotateSecret(p.actor(), p.viewer().userId(), app.clientId(), old.equals("revoke"));
            String notice = old.equals("revoke") ? "New secret created; the old ones no longer work."
                    : "New secret created; the old one keeps working for the grace period.";
            flashes.redirect(req, res, AppPage.path(app.clientId()),
                    Flash.notice("secrets", notice).withSecret("Your new client secret", secret));
        } catch (OAuthException e) {
            FormErrors errors = FormErrors.of(e, Set.of("old"), "old");
            show(res, p.viewer(), ErrorCodes.of(e.error()).status(), page(p.viewer(), app, AppForm.of(app), "", errors, null));
        }
    }

    private AppPage page(SignedIn viewer, App app, AppForm form, String redirectUri, FormErrors errors, Flash flash) {
        var secrets = AppPage.lines(apps.secrets(viewer.userId(), app.clientId()));
        return new AppPage(app, form, choices(form.scopes()), secrets, redirectUri, errors, flash);
    }

    private List<ScopeChoice> choices(List<String> checked) {
        return ScopeChoice.of(catalog, name -> true, checked);
    }

    private void show(ServerResponse res, SignedIn viewer, int status, AppPage page) {
        pages.render(res, status, "dashboard/app.jte", Map.of("layout", Layout.of(page.app().name(), viewer), "page", page));
    }

    private void list(ServerResponse res, SignedIn viewer, int status, Map<String, String> values, FormErrors errors, Flash flash) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Dashboard", viewer));
        params.put("apps", apps.list(viewer.userId()));
        params.put("adminOf", identity.workspacesOf(viewer.userId()).stream().filter(WorkspaceAccess::isAdmin).toList());
        params.put("values", values);
        params.put("errors", errors);
        params.put("flash", flash);
        pages.render(res, status, "dashboard/apps.jte", params);
    }

    private static String sentence(String reason) {
        return Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
    }

    private static String clientId(ServerRequest req) {
        return req.path().pathParameters().get("clientId");
    }
}

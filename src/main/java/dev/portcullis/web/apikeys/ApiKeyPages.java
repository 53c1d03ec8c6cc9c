package dev.portcullis.web.apikeys;

import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKey;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.User;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.scopes.UserScopes;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.dashboard.Confirmation;
import dev.portcullis.web.dashboard.FormErrors;
import dev.portcullis.web.dashboard.ScopeChoice;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace API-key pages. The workspace is looked up as the viewer sees it (404 for a
 * non-member), then {@link ApiKeyService} refuses a member who is not an admin (403). Every
 * successful POST answers 303 (Post/Redirect/Get); the new {@code sk_} value rides to the list in
 * a one-time {@link Flash} and is never shown again.
 */
public final class ApiKeyPages implements Routes {
    /** OIDC's user scopes mean nothing without a user, so the form does not offer them to a key. */
    private static final Set<String> FIELDS = Set.of("name", "scopes", "expires_at");

    private final ApiKeyService keys;
    private final IdentityService identity;
    private final WorkspaceGate gate;
    private final ScopeCatalog catalog;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Clock clock;
    private final Flashes flashes;
    private final ClientAddress addresses;

    public ApiKeyPages(ApiKeyService keys, IdentityService identity, WorkspaceGate gate, ScopeCatalog catalog, CurrentUser currentUser,
                       Pages pages, Clock clock, Flashes flashes, ClientAddress addresses) {
        this.keys = keys;
        this.identity = identity;
        this.gate = gate;
        this.catalog = catalog;
        this.currentUser = currentUser;
        this.pages = pages;
        this.clock = clock;
        this.flashes = flashes;
        this.addresses = addresses;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/workspaces/{slug}/api-keys", pages.page((req, res) -> {
            Viewed v = viewed(req);
            list(res, v, 200, new Entered("", List.of(), ""), FormErrors.none(), flashes.take(req).orElse(null));
        }));
        routing.post("/workspaces/{slug}/api-keys", pages.page(this::create));
        routing.get("/workspaces/{slug}/api-keys/{keyId}", pages.page((req, res) -> {
            Viewed v = viewed(req);
            ApiKey key = keys.get(v.actor(), v.workspaceId(), keyId(req));
            edit(res, v, 200, key, new Entered(key.name(), key.scopes(), ""), FormErrors.none());
        }));
        routing.post("/workspaces/{slug}/api-keys/{keyId}", pages.page(this::save));
        routing.post("/workspaces/{slug}/api-keys/{keyId}/revoke", pages.page((req, res) -> {
            Posted p = posted(req);
            ApiKey key = keys.get(p.viewed().actor(), p.viewed().workspaceId(), keyId(req));
            Confirmation.require(p.form(), "revoke " + key.name());
            keys.revoke(p.viewed().actor(), p.viewed().workspaceId(), key.id());
            flashes.redirect(req, res, p.viewed().path(), Flash.notice("keys", "Revoked “" + key.name() + "”: it no longer works."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    /** The viewer and the workspace as they may see it; a non-member gets the 404 page here. */
    private record Viewed(SignedIn viewer, WorkspaceAccess access, dev.portcullis.events.Actor.Origin origin) {
        Actor actor() {
            return Actor.member(viewer.userId(), origin);
        }

        String workspaceId() {
            return access.workspace().id();
        }

        String path() {
            return "/workspaces/" + access.workspace().slug() + "/api-keys";
        }
    }

    private record Posted(Viewed viewed, Params form) {}

    /** A key form as typed, to show again when refused. */
    public record Entered(String name, List<String> scopes, String expiresAt) {}

    private Viewed viewed(ServerRequest req) {
        SignedIn viewer = currentUser.require(req);
        return new Viewed(viewer, gate.enter(req, viewer, req.path().pathParameters().get("slug")), origin(req));
    }

    /** Signed in, then CSRF before anything is looked up, then the workspace. */
    private Posted posted(ServerRequest req) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        return new Posted(new Viewed(viewer, gate.enter(req, viewer, req.path().pathParameters().get("slug")),
                origin(req)), form);
    }

    /** Where the request came from, for the audit events of what it changes. */
    private dev.portcullis.events.Actor.Origin origin(ServerRequest req) {
        return dev.portcullis.events.Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Posted p = posted(req);
        Entered entered = new Entered(p.form().get("name").orElse(""), ScopeChoice.ticked(choices(List.of()), p.form()),
                p.form().get("expires_at").orElse(""));
        try {
            var created = keys.create(p.viewed().actor(), p.viewed().workspaceId(),
                    new ApiKeyService.Draft(entered.name(), entered.scopes(), expiry(entered.expiresAt())));
            flashes.redirect(req, res, p.viewed().path(), Flash.notice("keys", "API key created.")
                    .withSecret("Your new API key “" + created.key().name() + "”", created.secret()));
        } catch (OAuthException e) {
            list(res, p.viewed(), ErrorCodes.of(e.error()).status(), entered, FormErrors.of(e, FIELDS, "name"), null);
        }
    }

    private void save(ServerRequest req, ServerResponse res) {
        Posted p = posted(req);
        ApiKey key = keys.get(p.viewed().actor(), p.viewed().workspaceId(), keyId(req));
        Entered entered = new Entered(p.form().get("name").orElse(""), ScopeChoice.ticked(choices(key.scopes()), p.form()), "");
        try {
            keys.edit(p.viewed().actor(), p.viewed().workspaceId(), key.id(), Optional.of(entered.name()),
                    Optional.of(entered.scopes()));
            flashes.redirect(req, res, p.viewed().path(), Flash.notice("keys", "Saved changes to “" + entered.name().strip() + "”."));
        } catch (OAuthException e) {
            edit(res, p.viewed(), ErrorCodes.of(e.error()).status(), key, entered, FormErrors.of(e, FIELDS, "name"));
        }
    }

    /** A date is the moment it begins, in UTC: the key works up to that day. */
    private static Optional<java.time.Instant> expiry(String date) {
        if (date.isBlank()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(date.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw OAuthException.validation("expires_at", "Enter the expiry date as YYYY-MM-DD");
        }
    }

    private void list(ServerResponse res, Viewed v, int status, Entered entered, FormErrors errors, Flash flash) {
        List<ApiKey> all = keys.list(v.actor(), v.workspaceId());
        Map<String, String> creators = new HashMap<>();
        var lines = all.stream().map(k -> KeyLine.of(k, k.createdByUserId()
                .map(id -> creators.computeIfAbsent(id, this::userName)).orElse("operator"), clock.instant())).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("API keys · " + v.access().workspace().name(), v.viewer()));
        params.put("workspace", v.access().workspace());
        params.put("path", v.path());
        params.put("keys", lines);
        params.put("entered", entered);
        params.put("choices", choices(entered.scopes()));
        params.put("errors", errors);
        params.put("flash", flash);
        pages.render(res, status, "apikeys/list.jte", params);
    }

    private void edit(ServerResponse res, Viewed v, int status, ApiKey key, Entered entered, FormErrors errors) {
        pages.render(res, status, "apikeys/edit.jte", Map.of(
                "layout", Layout.of("API key " + key.name(), v.viewer()),
                "workspace", v.access().workspace(),
                "path", v.path(),
                "key", KeyLine.of(key, "", clock.instant()),
                "entered", entered,
                "choices", choices(entered.scopes()),
                "errors", errors));
    }

    private List<ScopeChoice> choices(List<String> checked) {
        return ScopeChoice.of(catalog, name -> !UserScopes.contains(name), checked);
    }

    private String userName(String userId) {
        return identity.findUser(userId).map(User::name).orElse("a former user");
    }

    private static String keyId(ServerRequest req) {
        return req.path().pathParameters().get("keyId");
    }
}

package dev.portcullis.web.workspaces;

import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.dashboard.Confirmation;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /workspaces} and {@code /workspaces/{slug}}. Every POST checks CSRF first; rule
 * breaches (validation, last admin) re-render the page with the message, while a non-member
 * gets the 404 page and a member acting as admin the 403 page, from {@link IdentityService}. A
 * successful POST answers 303 with a one-time notice beside what changed (Post/Redirect/Get).
 */
public final class WorkspacePages implements Routes {
    private final IdentityService identity;
    private final WorkspaceGate gate;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress clientAddress;

    public WorkspacePages(IdentityService identity, WorkspaceGate gate, CurrentUser currentUser, Pages pages, Flashes flashes,
                          ClientAddress clientAddress) {
        this.identity = identity;
        this.gate = gate;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
        this.clientAddress = clientAddress;
    }

    /** Where the request came from, for the audit events of what it changes. */
    private Actor.Origin origin(ServerRequest req) {
        return Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/workspaces", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            list(res, viewer, 200, Map.of(), null, flashes.take(req).orElse(null));
        }));
        routing.post("/workspaces", pages.page(this::create));
        routing.get("/workspaces/{slug}", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            var access = gate.enter(req, viewer, slug(req));
            show(res, viewer, access, 200, "", null, flashes.take(req).orElse(null));
        }));
        routing.post("/workspaces/{slug}/members", pages.page(this::addMember));
        routing.post("/workspaces/{slug}/members/{userId}/role", pages.page(this::changeRole));
        routing.post("/workspaces/{slug}/members/{userId}/remove", pages.page(this::removeMember));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void create(ServerRequest req, ServerResponse res) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        try {
            var created = identity.createWorkspace(Actor.user(viewer.userId(), origin(req)), viewer.userId(),
                    form.get("name").orElse(""), form.get("slug").orElse(""), form.get("logo_url").orElse(""));
            flashes.redirect(req, res, path(created.slug()), Flash.notice("overview", "Workspace created."));
        } catch (OAuthException e) {
            list(res, viewer, 400, form.values(), rejection(e), null);
        }
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        act(req, res, "Member added.", (viewer, workspaceId, form) -> identity.addMember(viewer.userId(), workspaceId,
                form.get("email").orElse(""), role(form), origin(req)));
    }

    private void changeRole(ServerRequest req, ServerResponse res) {
        String target = req.path().pathParameters().get("userId");
        act(req, res, "Role changed.", (viewer, workspaceId, form) -> identity.changeRole(viewer.userId(), workspaceId, target, role(form),
                origin(req)));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        String target = req.path().pathParameters().get("userId");
        act(req, res, "Member removed.", (viewer, workspaceId, form) -> {
            Confirmation.require(form, "remove this member");
            identity.removeMember(viewer.userId(), workspaceId, target, origin(req));
        });
    }

    private interface MemberAct {
        void apply(SignedIn viewer, String workspaceId, Params form);
    }

    /**
     * Shared steps of a member action: signed in, CSRF, membership (404), then the act, then back
     * to the workspace page with {@code notice} (or to the list, for someone who just left it).
     */
    private void act(ServerRequest req, ServerResponse res, String notice, MemberAct act) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        String slug = slug(req);
        var access = gate.enter(req, viewer, slug);
        var workspace = access.workspace();
        String workspaceId = workspace.id();
        try {
            act.apply(viewer, workspaceId, form);
            boolean stillMember = identity.access(viewer.userId(), workspaceId).isPresent();
            if (stillMember) {
                flashes.redirect(req, res, path(slug), Flash.notice("members", notice));
            } else {
                flashes.redirect(req, res, "/workspaces", Flash.notice("workspaces", "You left " + workspace.name() + "."));
            }
        } catch (OAuthException e) {
            if (e.error() instanceof OAuthError.AccessDenied || e.error() instanceof Failure.NotFound) throw e;
            if (e.error() instanceof Failure.Validation v && v.field().equals(Confirmation.FIELD)) throw e;
            show(res, viewer, access, ErrorCodes.of(e.error()).status(), form.get("email").orElse(""), rejection(e), null);
        }
    }

    private void list(ServerResponse res, SignedIn viewer, int status, Map<String, String> values, String error, Flash flash) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Workspaces", viewer));
        params.put("workspaces", identity.workspacesOf(viewer.userId()));
        params.put("name", values.getOrDefault("name", ""));
        params.put("slug", values.getOrDefault("slug", ""));
        params.put("logoUrl", values.getOrDefault("logo_url", ""));
        params.put("error", error);
        params.put("flash", flash);
        pages.render(res, status, "workspaces.jte", params);
    }

    private void show(ServerResponse res, SignedIn viewer, WorkspaceAccess access, int status, String email, String error, Flash flash) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of(access.workspace().name(), viewer));
        params.put("access", access);
        params.put("members", identity.membersOf(viewer.userId(), access.workspace().id()));
        params.put("email", email);
        params.put("error", error);
        params.put("flash", flash);
        pages.render(res, status, "workspace.jte", params);
    }

    /** Only rule breaches the user can fix are shown in the form; anything else is an error page. */
    private static String rejection(OAuthException e) {
        return switch (e.error()) {
            case Failure.Validation v -> v.description();
            case Failure.Conflict c -> c.description();
            case OAuthError.InvalidRequest r -> r.description();
            default -> throw e;
        };
    }

    private static Role role(Params form) {
        return Role.parse(form.get("role").orElse("")).orElseThrow(() -> OAuthException.validation("role", "Role must be admin or member"));
    }

    private static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
    }

    private static String path(String slug) {
        return "/workspaces/" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }
}

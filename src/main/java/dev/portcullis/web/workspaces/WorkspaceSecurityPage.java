package dev.portcullis.web.workspaces;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.mfa.WorkspaceRequirements;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /workspaces/{slug}/security}: whether the workspace requires a second factor of its
 * members. Every member sees it; only admins change it (403 otherwise, 404 for non-members).
 */
public final class WorkspaceSecurityPage implements Routes {
    private final WorkspaceRequirements requirements;
    private final WorkspaceGate gate;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress clientAddress;

    public WorkspaceSecurityPage(WorkspaceRequirements requirements, WorkspaceGate gate, CurrentUser currentUser, Pages pages,
                                 Flashes flashes, ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        this.requirements = requirements;
        this.gate = gate;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/workspaces/{slug}/security", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            WorkspaceAccess access = gate.enter(req, viewer, req.path().pathParameters().get("slug"));
            Map<String, Object> params = new HashMap<>();
            params.put("layout", Layout.of("Security of " + access.workspace().name(), viewer));
            params.put("access", access);
            params.put("required", requirements.required(access.workspace().id()));
            params.put("flash", flashes.take(req).orElse(null));
            pages.render(res, 200, "workspaceSecurity.jte", params);
        }));
        routing.post("/workspaces/{slug}/security", pages.page((req, res) -> {
            SignedIn viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            WorkspaceAccess access = gate.enter(req, viewer, req.path().pathParameters().get("slug"));
            if (!access.isAdmin()) throw new OAuthException(new OAuthError.AccessDenied("Only workspace admins can do this"));
            boolean required = form.get("require_second_factor").filter("on"::equals).isPresent();
            requirements.set(access.workspace().id(), required,
                    Actor.user(viewer.userId(), Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req))));
            flashes.redirect(req, res, "/workspaces/" + access.workspace().slug() + "/security", Flash.notice("second-factor",
                    required ? "Members now need a second factor to use this workspace." : "A second factor is no longer required."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }
}

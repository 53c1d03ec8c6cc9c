package dev.portcullis.web.account;

import dev.portcullis.connections.ConnectionService;
import dev.portcullis.connections.ConnectionView;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.ProfileChange;
import dev.portcullis.identity.User;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.activity.RecentActivity;
import dev.portcullis.web.accountsecurity.SecuritySection;
import dev.portcullis.web.dashboard.Confirmation;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /account}: the signed-in user, their profile (the name and OIDC profile claims apps may
 * read with the {@code profile} scope, templates/account/profile.jte), their workspaces, and the
 * connected-apps section (templates/account/connections.jte), and the user's recent sign-ins and
 * connections from the audit log (templates/account/activity.jte). A successful POST answers 303 back
 * here with a one-time notice beside the section it changed (Post/Redirect/Get).
 */
public final class AccountPage implements Routes {
    private final IdentityService identity;
    private final ConnectionService connections;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final RecentActivity recentActivity;
    private final ClientAddress addresses;
    private final SecuritySection security;

    public AccountPage(IdentityService identity, ConnectionService connections, CurrentUser currentUser, Pages pages,
                       Flashes flashes, RecentActivity recentActivity, ClientAddress addresses, SecuritySection security) {
        this.security = security;
        this.identity = identity;
        this.connections = connections;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
        this.recentActivity = recentActivity;
        this.addresses = addresses;
    }

    /** One workspace's connections as this viewer may see them: all of them for an admin, their own otherwise. */
    public record WorkspaceConnections(WorkspaceAccess access, List<ConnectionView> connections) {}

    /** The profile form's values as stored: each field named after its claim, absent ones empty. */
    static ProfileChange formOf(User user) {
        return ProfileChange.from(claim -> claim.equals("name") ? user.name() : user.profile().claim(claim).orElse(""));
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/account", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            show(req, res, viewer, 200, formOf(viewer.user()), null, flashes.take(req).orElse(null));
        }));
        routing.post("/account/profile", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            // Every field is on the form, so an absent one is an emptied one.
            ProfileChange typed = ProfileChange.from(claim -> form.get(claim).orElse(""));
            try {
                identity.changeProfile(viewer.userId(), typed);
            } catch (OAuthException e) {
                if (!(e.error() instanceof Failure.Validation v)) throw e;
                show(req, res, viewer, 400, typed, v.description(), null);
                return;
            }
            flashes.redirect(req, res, "/account", Flash.notice("profile", "Profile saved."));
        }));
        routing.post("/account/connections/{id}/revoke", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            Confirmation.require(form, "disconnect this app");
            Actor actor = Actor.user(viewer.userId(), Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req)));
            connections.revoke(actor, viewer.userId(), req.path().pathParameters().get("id"));
            flashes.redirect(req, res, "/account", Flash.notice("connected-apps",
                    "App disconnected: its tokens for that workspace no longer work."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void show(ServerRequest req, ServerResponse res, SignedIn viewer, int status, ProfileChange profile, String error, Flash flash) {
        List<WorkspaceAccess> workspaces = identity.workspacesOf(viewer.userId());
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Account", viewer));
        params.put("viewer", viewer);
        params.put("profile", profile);
        params.put("error", error);
        params.put("flash", flash);
        params.put("workspaces", workspaces);
        params.put("connected", connected(viewer, workspaces));
        params.put("activity", recentActivity.of(viewer.userId()));
        params.put("security", security.view(req, viewer));
        pages.render(res, status, "account.jte", params);
    }

    private List<WorkspaceConnections> connected(SignedIn viewer, List<WorkspaceAccess> workspaces) {
        List<ConnectionView> mine = connections.listForUser(viewer.userId());
        return workspaces.stream().map(w -> new WorkspaceConnections(w, w.isAdmin()
                        ? connections.listForWorkspace(viewer.userId(), w.workspace().id())
                        : mine.stream().filter(c -> c.workspaceId().equals(w.workspace().id())).toList()))
                .toList();
    }
}

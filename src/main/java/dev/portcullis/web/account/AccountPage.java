package dev.portcullis.web.account;

import dev.portcullis.connections.ConnectionService;
import dev.portcullis.connections.ConnectionView;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import java.util.List;
import java.util.Map;

/** {@code /account}: the signed-in user, their workspaces, and the connected-apps section (templates/account/connections.jte). */
public final class AccountPage implements Routes {
    private final IdentityService identity;
    private final ConnectionService connections;
    private final CurrentUser currentUser;
    private final Pages pages;

    public AccountPage(IdentityService identity, ConnectionService connections, CurrentUser currentUser, Pages pages) {
        this.identity = identity;
        this.connections = connections;
        this.currentUser = currentUser;
        this.pages = pages;
    }

    /** One workspace's connections as this viewer may see them: all of them for an admin, their own otherwise. */
    public record WorkspaceConnections(WorkspaceAccess access, List<ConnectionView> connections) {}

    @Override
    public void mount(RouteTable routing) {
        routing.get("/account", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            List<WorkspaceAccess> workspaces = identity.workspacesOf(viewer.userId());
            pages.render(res, 200, "account.jte", Map.of(
                    "layout", Layout.of("Account", viewer),
                    "viewer", viewer,
                    "workspaces", workspaces,
                    "connected", connected(viewer, workspaces)));
        }));
        routing.post("/account/connections/{id}/revoke", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Csrf.check(viewer, Params.body(req));
            connections.revoke(viewer.userId(), req.path().pathParameters().get("id"));
            Pages.redirect(res, "/account");
        }));
    }

    private List<WorkspaceConnections> connected(SignedIn viewer, List<WorkspaceAccess> workspaces) {
        List<ConnectionView> mine = connections.listForUser(viewer.userId());
        return workspaces.stream().map(w -> new WorkspaceConnections(w, w.isAdmin()
                        ? connections.listForWorkspace(viewer.userId(), w.workspace().id())
                        : mine.stream().filter(c -> c.workspaceId().equals(w.workspace().id())).toList()))
                .toList();
    }
}

package dev.portcullis.web.account;

import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import io.helidon.webserver.http.HttpRouting;
import java.util.Map;

/** {@code /account}: the signed-in user, their workspaces, and the connected-apps section (templates/account/connections.jte). */
public final class AccountPage implements Routes {
    private final IdentityService identity;
    private final CurrentUser currentUser;
    private final Pages pages;

    public AccountPage(IdentityService identity, CurrentUser currentUser, Pages pages) {
        this.identity = identity;
        this.currentUser = currentUser;
        this.pages = pages;
    }

    @Override
    public void mount(HttpRouting.Builder routing) {
        routing.get("/account", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            pages.render(res, 200, "account.jte", Map.of(
                    "layout", Layout.of("Account", viewer),
                    "viewer", viewer,
                    "workspaces", identity.workspacesOf(viewer.userId())));
        }));
    }
}

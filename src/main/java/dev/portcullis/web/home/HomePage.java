package dev.portcullis.web.home;

import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code /}. Someone signed in goes to their account, as at an identity provider's own domain
 * (Okta, Auth0's Universal Login); anyone else sees what this server is, with the way in and the
 * links a developer looks for first (discovery, the dashboard). Never a JSON 404.
 */
public final class HomePage implements Routes {
    private final CurrentUser currentUser;
    private final Pages pages;
    private final PasswordLogin passwordLogin;

    public HomePage(CurrentUser currentUser, Pages pages, PasswordLogin passwordLogin) {
        this.currentUser = currentUser;
        this.pages = pages;
        this.passwordLogin = passwordLogin;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/", pages.page(this::show));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void show(ServerRequest req, ServerResponse res) {
        if (currentUser.find(req).isPresent()) {
            Pages.redirect(res, "/account");
            return;
        }
        pages.render(res, 200, "home.jte", Map.of("layout", Layout.anonymous("Sign in"), "signup", passwordLogin.on()));
    }
}

package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.http.SecurityHeaders;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The two pages where the person decides: which workspace, and whether to connect the app. Both
 * end in a redirect to the app, so both allow its redirect scheme as a form target.
 */
public final class ChoicePages {
    private final Pages pages;
    private final IdentityService identity;
    private final ScopeCatalog scopes;

    public ChoicePages(Pages pages, IdentityService identity, ScopeCatalog scopes) {
        this.pages = pages;
        this.identity = identity;
        this.scopes = scopes;
    }

    void picker(ServerResponse res, SignedIn viewer, App app, PendingRequests.Pending p, List<WorkspaceAccess> mine) {
        var choices = mine.stream().map(w -> new PickerView.Choice(w.workspace().id(), w.workspace().name(), false)).toList();
        SecurityHeaders.allowFormRedirectTo(res, p.request().redirectUri());
        pages.render(res, 200, "authorize/picker.jte", Map.of(
                "layout", Layout.of("Choose a workspace", viewer),
                "view", new PickerView(p.handle(), viewer.csrf(), app.name(), choices)));
    }

    void consent(ServerResponse res, SignedIn viewer, App app, PendingRequests.Pending p, WorkspaceAccess access) {
        String developer = app.ownerUserId().flatMap(identity::findUser).map(u -> u.name())
                .orElse(app.clientId().startsWith("https://") ? URI.create(app.clientId()).getHost() : "an unverified developer");
        var lines = p.request().consentScopes().stream()
                .map(s -> new ConsentView.ScopeLine(s, scopes.find(Scope.of(s)).map(e -> e.description()).orElse(s)))
                .toList();
        SecurityHeaders.allowFormRedirectTo(res, p.request().redirectUri());
        pages.render(res, 200, "authorize/consent.jte", Map.of(
                "layout", Layout.of("Connect " + app.name(), viewer),
                "view", new ConsentView(p.handle(), viewer.csrf(), app.name(), developer, app.selfRegistered(),
                        access.workspace().id(), access.workspace().name(), lines, AppBranding.of(app))));
    }
}

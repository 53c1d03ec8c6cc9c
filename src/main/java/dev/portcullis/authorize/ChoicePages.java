package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.http.SecurityHeaders;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two pages where the person decides: which workspace, and whether to connect the app. Both
 * end in a redirect to the app, so both allow its redirect scheme as a form target.
 */
public final class ChoicePages {
    private final Pages pages;
    private final IdentityService identity;
    private final ConsentScopes scopes;

    public ChoicePages(Pages pages, IdentityService identity, ScopeCatalog scopes) {
        this.pages = pages;
        this.identity = identity;
        this.scopes = new ConsentScopes(scopes);
    }

    void picker(ServerResponse res, SignedIn viewer, App app, PendingRequests.Pending p, List<WorkspaceAccess> mine,
                Optional<String> current) {
        var choices = mine.stream().map(w -> new PickerView.Choice(w.workspace().id(), w.workspace().name(),
                w.workspace().slug(), w.role().value(), current.filter(w.workspace().id()::equals).isPresent())).toList();
        SecurityHeaders.allowFormRedirectTo(res, p.request().redirectUri());
        pages.render(res, 200, "authorize/picker.jte", Map.of(
                "layout", Layout.of("Choose a workspace", viewer),
                "view", new PickerView(p.handle(), viewer.csrf(), app.name(), account(viewer), choices)));
    }

    void consent(ServerResponse res, SignedIn viewer, App app, PendingRequests.Pending p, WorkspaceAccess access,
                 boolean otherWorkspaces) {
        SecurityHeaders.allowFormRedirectTo(res, p.request().redirectUri());
        pages.render(res, 200, "authorize/consent.jte", Map.of(
                "layout", Layout.of("Connect " + app.name(), viewer),
                "view", new ConsentView(p.handle(), viewer.csrf(), app.name(), publisher(app), app.selfRegistered(),
                        account(viewer), access.workspace().id(), access.workspace().name(), otherWorkspaces,
                        redirectHost(p.request().redirectUri()), scopes.lines(p.request().consentScopes()), AppBranding.of(app))));
    }

    /** PORTCULLIS_REQUIRE_VERIFIED_EMAIL and an unverified address: check your mail, or have it sent again. */
    void verifyEmail(ServerResponse res, SignedIn viewer, App app, PendingRequests.Pending p) {
        pages.render(res, 403, "authorize/verifyEmail.jte", Map.of(
                "layout", Layout.of("Verify your email address", viewer),
                "appName", app.name(),
                "email", viewer.user().email(),
                "csrf", viewer.csrf(),
                "returnTo", AuthorizeEndpoint.CONTINUE + "?handle=" + p.handle()));
    }

    /**
     * Who publishes the app: its developer's account, the host of its metadata document (the only
     * thing a self-described client proves), or nobody anyone checked.
     */
    private String publisher(App app) {
        return app.ownerUserId().flatMap(identity::findUser).map(u -> u.name())
                .orElse(app.clientId().startsWith("https://") ? URI.create(app.clientId()).getHost()
                        : app.selfRegistered() ? "an unverified developer" : "the operator of this server");
    }

    private static ConsentView.Account account(SignedIn viewer) {
        return new ConsentView.Account(viewer.user().name(), viewer.user().email());
    }

    /** Where Approve and Deny send the browser: the host (and port) of the redirect URI, or a native app's scheme. */
    static String redirectHost(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            if (uri.getHost() == null) return "the app (" + uri.getScheme() + ":)";
            return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return "the app";
        }
    }
}

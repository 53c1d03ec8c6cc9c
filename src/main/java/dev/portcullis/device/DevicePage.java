package dev.portcullis.device;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.User;
import dev.portcullis.ratelimit.RateLimits;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /device} (RFC 8628 §3.3): a signed-in person types the code their device shows (or
 * arrives with it in {@code ?user_code=}, §3.3.1), picks a workspace, and approves or denies.
 * Signing in returns here with the code kept. Each wrong code counts against the address and the
 * account ({@link UserCodeThrottle}).
 */
public final class DevicePage implements Routes {
    public static final String PATH = "/device";
    private static final String WRONG_CODE = "That code is not valid, or it has expired or been used. Check the code on your device.";
    private final DeviceAuthorizations authorizations;
    private final ClientLookup apps;
    private final IdentityService identity;
    private final ScopeCatalog scopes;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final ClientAddress clientAddress;
    private final UserCodeThrottle throttle;
    private final WorkspaceGate gate;

    /** The flash sections of the decision's answer; the notice is the app's name. */
    private static final String APPROVED = "device-approved";
    private static final String DENIED = "device-denied";
    private final Flashes flashes;

    public DevicePage(DeviceAuthorizations authorizations, ClientLookup apps, IdentityService identity, ScopeCatalog scopes,
                      CurrentUser currentUser, Pages pages, ClientAddress clientAddress,
                      RateLimits limits, int attemptsPerMinute, Flashes flashes, WorkspaceGate gate) {
        this.authorizations = authorizations;
        this.gate = gate;
        this.flashes = flashes;
        this.apps = apps;
        this.identity = identity;
        this.scopes = scopes;
        this.currentUser = currentUser;
        this.pages = pages;
        this.clientAddress = clientAddress;
        this.throttle = new UserCodeThrottle(limits, attemptsPerMinute);
    }

    @Override
    public void mount(RouteTable r) {
        r.get(PATH, pages.page(this::show));
        r.post(PATH, pages.page(this::enter));
        r.post(PATH + "/decision", pages.page(this::decide));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void show(ServerRequest req, ServerResponse res) {
        SignedIn viewer = currentUser.require(req);
        Optional<String> typed = Params.query(req).get("user_code").filter(s -> !s.isBlank());
        Optional<Flash> decided = flashes.take(req);
        if (typed.isEmpty() && decided.isPresent()) {
            boolean approved = decided.get().in(APPROVED);
            pages.render(res, 200, "device/done.jte", Map.of(
                    "layout", Layout.of(approved ? "Device connected" : "Device denied", viewer),
                    "view", new DeviceViews.Done(decided.get().notice(), approved)));
            return;
        }
        if (typed.isEmpty()) {
            enterForm(res, viewer, 200, "", Optional.empty());
            return;
        }
        lookUp(req, res, viewer, typed.get());
    }

    private void enter(ServerRequest req, ServerResponse res) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        lookUp(req, res, viewer, form.get("user_code").orElse(""));
    }

    /** The consent page for a waiting code, or the form again with the error. */
    private void lookUp(ServerRequest req, ServerResponse res, SignedIn viewer, String typed) {
        Optional<Waiting> waiting = waiting(req, viewer, typed);
        if (waiting.isEmpty()) {
            enterForm(res, viewer, 400, typed.length() > 32 ? "" : typed, Optional.of(WRONG_CODE));
            return;
        }
        consent(res, viewer, waiting.get());
    }

    private void decide(ServerRequest req, ServerResponse res) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        Optional<Waiting> waiting = waiting(req, viewer, form.get("user_code").orElse(""));
        if (waiting.isEmpty()) {
            enterForm(res, viewer, 400, "", Optional.of(WRONG_CODE));
            return;
        }
        UserCode code = waiting.get().code();
        boolean approve = form.get("decision").filter("approve"::equals).isPresent();
        String workspaceId = form.get("workspace").orElse("");
        if (approve && identity.access(viewer.userId(), workspaceId).isPresent()) {
            // The device is connected to the workspace: its second-factor requirement holds here as at /authorize.
            gate.demand(req, viewer, workspaceId, PATH + "?user_code=" + URLEncoder.encode(form.get("user_code").orElse(""),
                    StandardCharsets.UTF_8));
        }
        boolean decided = approve
                ? authorizations.approve(Actor.user(viewer.userId(), Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req))),
                        viewer.userId(), code, workspaceId, viewer.session().authTime(), viewer.session().amr())
                : authorizations.deny(code);
        if (!decided) {
            enterForm(res, viewer, 400, "", Optional.of(WRONG_CODE));
            return;
        }
        // Post/Redirect/Get: a reload of the answer shows it again instead of deciding twice.
        String app = waiting.get().app().name();
        flashes.redirect(req, res, PATH, approve ? Flash.notice(APPROVED, app) : Flash.notice(DENIED, app));
    }

    private record Waiting(UserCode code, DeviceAuthorization authorization, App app) {}

    /** The authorization waiting under a typed code; a wrong code is counted first, and the throttle checked before. */
    private Optional<Waiting> waiting(ServerRequest req, SignedIn viewer, String typed) {
        String address = clientAddress.of(req);
        throttle.check(address, viewer.userId());
        Optional<Waiting> found = UserCode.parse(typed).flatMap(code -> authorizations.pending(code)
                .flatMap(a -> apps.find(a.appId()).filter(App::oauthEnabled).map(app -> new Waiting(code, a, app))));
        if (found.isEmpty()) throttle.failed(address, viewer.userId());
        return found;
    }

    private void enterForm(ServerResponse res, SignedIn viewer, int status, String typed, Optional<String> error) {
        pages.render(res, status, "device/enter.jte", Map.of(
                "layout", Layout.of("Connect a device", viewer),
                "view", new DeviceViews.Enter(viewer.csrf(), typed, error)));
    }

    private void consent(ServerResponse res, SignedIn viewer, Waiting w) {
        var mine = identity.workspacesOf(viewer.userId());
        var choices = mine.stream()
                .map(a -> new DeviceViews.Workspace(a.workspace().id(), a.workspace().name(), mine.size() == 1))
                .toList();
        var lines = w.authorization().scopes().stream()
                .map(s -> new DeviceViews.ScopeLine(s, scopes.find(Scope.of(s)).map(e -> e.description()).orElse(s)))
                .toList();
        String developer = w.app().ownerUserId().flatMap(identity::findUser).map(User::name)
                .orElse(w.app().clientId().startsWith("https://") ? URI.create(w.app().clientId()).getHost()
                        : "an unverified developer");
        pages.render(res, 200, "device/consent.jte", Map.of(
                "layout", Layout.of("Connect " + w.app().name(), viewer),
                "view", new DeviceViews.Consent(viewer.csrf(), w.code().display(), w.app().name(), developer,
                        w.app().selfRegistered(), choices, lines)));
    }
}

package dev.portcullis.web.webhooks;

import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventType;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.dashboard.Confirmation;
import dev.portcullis.web.dashboard.FormErrors;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import dev.portcullis.webhooks.WebhookEndpoint;
import dev.portcullis.webhooks.Webhooks;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workspace admin's webhook pages: the list with a create form (event checkboxes), and one
 * endpoint's page (rotate the secret, disable or enable, delete, the latest deliveries with their
 * attempts and a Replay button). A non-member gets 404, a member who is not an admin 403. Every
 * successful POST answers 303; a new secret rides to the next page in a one-time {@link Flash}.
 */
public final class WebhookPages implements Routes {
    private static final Set<String> FIELDS = Set.of("target_url", "event_types");
    static final List<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(EventType::wireName).toList();

    private final Webhooks webhooks;
    private final WorkspaceGate gate;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress clientAddress;

    public WebhookPages(Webhooks webhooks, WorkspaceGate gate, CurrentUser currentUser, Pages pages, Flashes flashes,
                        ClientAddress clientAddress) {
        this.webhooks = webhooks;
        this.gate = gate;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
        this.clientAddress = clientAddress;
    }

    /** The create form as typed, to show again when refused. */
    public record Entered(String targetUrl, List<String> eventTypes) {}

    @Override
    public void mount(RouteTable routing) {
        routing.get("/workspaces/{slug}/webhooks", pages.page((req, res) -> {
            Viewed v = viewed(req);
            list(res, v, 200, new Entered("", List.of()), FormErrors.none(), flashes.take(req).orElse(null));
        }));
        routing.post("/workspaces/{slug}/webhooks", pages.page(this::create));
        routing.get("/workspaces/{slug}/webhooks/{id}", pages.page((req, res) -> {
            Viewed v = viewed(req);
            show(res, v, webhooks.find(v.within(), id(req)), flashes.take(req).orElse(null));
        }));
        routing.post("/workspaces/{slug}/webhooks/{id}/rotate", pages.page((req, res) -> {
            Posted p = posted(req);
            var secret = webhooks.rotateSecret(p.actor(), p.viewed().within(), id(req));
            flashes.redirect(req, res, p.viewed().path() + "/" + id(req), Flash.notice("endpoint",
                    "New signing secret made. The previous one keeps signing beside it for 24 hours.")
                    .withSecret("Your new signing secret", secret.reveal()));
        }));
        routing.post("/workspaces/{slug}/webhooks/{id}/enabled", pages.page((req, res) -> {
            Posted p = posted(req);
            boolean enable = p.form().get("enabled").orElse("").equals("true");
            webhooks.update(p.actor(), p.viewed().within(), id(req), new Webhooks.Draft(null, null, enable));
            flashes.redirect(req, res, p.viewed().path() + "/" + id(req),
                    Flash.notice("endpoint", enable ? "Enabled: new events are sent again." : "Disabled: no new events are sent."));
        }));
        routing.post("/workspaces/{slug}/webhooks/{id}/delete", pages.page((req, res) -> {
            Posted p = posted(req);
            WebhookEndpoint endpoint = webhooks.find(p.viewed().within(), id(req));
            Confirmation.require(p.form(), "delete the webhook to " + endpoint.targetUrl());
            webhooks.delete(p.actor(), p.viewed().within(), endpoint.id());
            flashes.redirect(req, res, p.viewed().path(), Flash.notice("webhooks", "Deleted the webhook to " + endpoint.targetUrl() + "."));
        }));
        routing.post("/workspaces/{slug}/webhooks/{id}/deliveries/{deliveryId}/replay", pages.page((req, res) -> {
            Posted p = posted(req);
            webhooks.replay(p.viewed().within(), id(req), req.path().pathParameters().get("deliveryId"));
            flashes.redirect(req, res, p.viewed().path() + "/" + id(req) + "#deliveries",
                    Flash.notice("deliveries", "Queued again, with the same webhook-id."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    /** The viewer and the workspace as they may see it: 404 for a non-member, 403 for a member who is not an admin. */
    private record Viewed(SignedIn viewer, WorkspaceAccess access) {
        Webhooks.Within within() {
            return Webhooks.Within.workspace(access.workspace().id());
        }

        String path() {
            return "/workspaces/" + access.workspace().slug() + "/webhooks";
        }
    }

    private record Posted(Viewed viewed, Params form, Actor actor) {}

    private Viewed viewed(ServerRequest req) {
        return viewed(req, currentUser.require(req));
    }

    private Viewed viewed(ServerRequest req, SignedIn viewer) {
        WorkspaceAccess access = gate.enter(req, viewer, req.path().pathParameters().get("slug"));
        if (!access.isAdmin()) {
            throw new OAuthException(new dev.portcullis.error.OAuthError.AccessDenied("Only the workspace's admins manage its webhooks"));
        }
        return new Viewed(viewer, access);
    }

    /** Signed in, then CSRF before anything is looked up, then the workspace. */
    private Posted posted(ServerRequest req) {
        SignedIn viewer = currentUser.require(req);
        Params form = Params.body(req);
        Csrf.check(viewer, form);
        var origin = Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
        return new Posted(viewed(req, viewer), form, Actor.user(viewer.userId(), origin));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Posted p = posted(req);
        List<String> ticked = p.form().get("all").isPresent() ? List.of(WebhookEndpoint.ALL)
                : EVENT_TYPES.stream().filter(t -> p.form().get("type:" + t).isPresent()).toList();
        Entered entered = new Entered(p.form().get("target_url").orElse(""), ticked);
        try {
            var created = webhooks.create(p.actor(), java.util.Optional.of(p.viewed().access().workspace().id()),
                    new Webhooks.Draft(entered.targetUrl(), entered.eventTypes(), true));
            flashes.redirect(req, res, p.viewed().path() + "/" + created.endpoint().id(), Flash.notice("endpoint", "Webhook created.")
                    .withSecret("Your signing secret", created.secret().reveal()));
        } catch (OAuthException e) {
            if (!(e.error() instanceof Failure.Validation)) throw e;
            list(res, p.viewed(), ErrorCodes.of(e.error()).status(), entered, FormErrors.of(e, FIELDS, "target_url"), null);
        }
    }

    private void list(ServerResponse res, Viewed v, int status, Entered entered, FormErrors errors, Flash flash) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Webhooks · " + v.access().workspace().name(), v.viewer()));
        params.put("workspace", v.access().workspace());
        params.put("path", v.path());
        params.put("endpoints", webhooks.list(v.within()));
        params.put("entered", entered);
        params.put("types", EVENT_TYPES);
        params.put("errors", errors);
        params.put("flash", flash);
        pages.render(res, status, "webhooks/list.jte", params);
    }

    private void show(ServerResponse res, Viewed v, WebhookEndpoint endpoint, Flash flash) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Webhook · " + v.access().workspace().name(), v.viewer()));
        params.put("workspace", v.access().workspace());
        params.put("path", v.path() + "/" + endpoint.id());
        params.put("endpoint", endpoint);
        params.put("deliveries", webhooks.deliveries(v.within(), endpoint.id()));
        params.put("flash", flash);
        pages.render(res, 200, "webhooks/show.jte", params);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}

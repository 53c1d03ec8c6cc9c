package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.param;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.webhooks.WebhookViews;
import dev.portcullis.webhooks.Webhooks;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Webhook endpoints under /manage/v1 (docs/webhooks.md): global ones, or any workspace's; the secret is shown once. */
public final class WebhookRoutes {
    private static final String PATH = BASE + "/webhooks";
    private final Webhooks webhooks;

    record WebhookRequest(@JsonProperty("target_url") String targetUrl, @JsonProperty("event_types") List<String> eventTypes,
                          Boolean enabled, @JsonProperty("workspace_id") String workspaceId) {
        Webhooks.Draft draft() {
            return new Webhooks.Draft(targetUrl, eventTypes, enabled);
        }
    }

    public WebhookRoutes(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.post(PATH, g.guarded(this::create));
        r.get(PATH, g.guarded((req, res) -> Json.send(res, 200, Map.of("data", webhooks.list(within(req.query().first("workspace_id")
                .asOptional())).stream().map(e -> WebhookViews.endpoint(e, Optional.empty())).toList()))));
        r.get(PATH + "/{id}", g.guarded((req, res) -> Json.send(res, 200,
                WebhookViews.endpoint(webhooks.find(Webhooks.Within.ANY, param(req, "id")), Optional.empty()))));
        r.patch(PATH + "/{id}", g.guarded(this::update));
        r.delete(PATH + "/{id}", g.guarded((req, res) -> {
            webhooks.delete(operator(req), Webhooks.Within.ANY, param(req, "id"));
            res.status(204).send();
        }));
        r.post(PATH + "/{id}/rotate_secret", g.guarded((req, res) -> {
            var secret = webhooks.rotateSecret(operator(req), Webhooks.Within.ANY, param(req, "id"));
            Json.send(res, 200, WebhookViews.endpoint(webhooks.find(Webhooks.Within.ANY, param(req, "id")), Optional.of(secret)));
        }));
        r.get(PATH + "/{id}/deliveries", g.guarded((req, res) -> Json.send(res, 200, Map.of("data",
                webhooks.deliveries(Webhooks.Within.ANY, param(req, "id")).stream().map(WebhookViews::delivery).toList()))));
        r.post(PATH + "/{id}/deliveries/{delivery_id}/replay", g.guarded((req, res) -> {
            var delivery = webhooks.replay(Webhooks.Within.ANY, param(req, "id"), param(req, "delivery_id"));
            Json.send(res, 202, Map.of("id", delivery.id(), "status", delivery.status().wireName()));
        }));
    }

    private void create(ServerRequest req, ServerResponse res) {
        WebhookRequest body = body(req, WebhookRequest.class);
        var created = webhooks.create(operator(req), Optional.ofNullable(body.workspaceId()), body.draft());
        Json.send(res, 201, WebhookViews.endpoint(created.endpoint(), Optional.of(created.secret())));
    }

    private void update(ServerRequest req, ServerResponse res) {
        WebhookRequest body = body(req, WebhookRequest.class);
        if (body.workspaceId() != null) {
            throw dev.portcullis.error.OAuthException.validation("workspace_id", "cannot be changed; create a new webhook");
        }
        var endpoint = webhooks.update(operator(req), Webhooks.Within.ANY, param(req, "id"), body.draft());
        Json.send(res, 200, WebhookViews.endpoint(endpoint, Optional.empty()));
    }

    private static Webhooks.Within within(Optional<String> workspaceId) {
        return workspaceId.map(Webhooks.Within::workspace).orElse(Webhooks.Within.ANY);
    }

    private Actor operator(ServerRequest req) {
        return ManageEndpoint.actor(req);
    }
}

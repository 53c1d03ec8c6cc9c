package dev.portcullis.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.Principal;
import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.Json;
import dev.portcullis.http.JsonBody;
import dev.portcullis.webhooks.WebhookEndpoint;
import dev.portcullis.webhooks.WebhookSecret;
import dev.portcullis.webhooks.Webhooks;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /v2/webhooks} in Attio's shape ({@code {"data": {...}}}, {@code subscriptions} of
 * {@code event_type}, {@code status} active or inactive), confined to the caller's workspace: a
 * webhook of another workspace answers 404 like one that does not exist.
 */
public final class WebhooksEndpoint {
    private static final Set<String> FIELDS = Set.of("target_url", "subscriptions", "status");
    private final Webhooks webhooks;
    private final ClientAddress clientAddress;

    public WebhooksEndpoint(Webhooks webhooks, ClientAddress clientAddress) {
        this.webhooks = webhooks;
        this.clientAddress = clientAddress;
    }

    public void list(Principal principal, ServerRequest req, ServerResponse res) {
        var found = webhooks.list(within(principal));
        Json.send(res, 200, Map.of("data", found.stream().map(e -> view(e, Optional.empty())).toList()));
    }

    public void get(Principal principal, ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Map.of("data", view(webhooks.find(within(principal), id(req)), Optional.empty())));
    }

    public void create(Principal principal, ServerRequest req, ServerResponse res) {
        Webhooks.Draft draft = draft(req);
        if (draft.targetUrl() == null) throw OAuthException.validation("target_url", "is required");
        var created = webhooks.create(actor(principal, req), Optional.of(principal.workspaceId()), draft);
        Json.send(res, 200, Map.of("data", view(created.endpoint(), Optional.of(created.secret()))));
    }

    public void update(Principal principal, ServerRequest req, ServerResponse res) {
        var changed = webhooks.update(actor(principal, req), within(principal), id(req), draft(req));
        Json.send(res, 200, Map.of("data", view(changed, Optional.empty())));
    }

    public void delete(Principal principal, ServerRequest req, ServerResponse res) {
        webhooks.delete(actor(principal, req), within(principal), id(req));
        Json.send(res, 200, Map.of());
    }

    private static Webhooks.Within within(Principal principal) {
        return Webhooks.Within.workspace(principal.workspaceId());
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("webhook_id");
    }

    /** {@code {"data": {"target_url", "subscriptions": [{"event_type"}], "status"}}}; absent fields stay as they are. */
    private static Webhooks.Draft draft(ServerRequest req) {
        JsonBody body = JsonBody.read(req, problem -> new dev.portcullis.error.Failure.Validation("data", problem)).unwrap("data")
                .allowOnly(FIELDS);
        String target = body.text("target_url", 2048).orElse(null);
        List<String> types = null;
        if (body.has("subscriptions")) {
            JsonNode subscriptions = body.object().get("subscriptions");
            if (!subscriptions.isArray()) throw OAuthException.validation("subscriptions", "must be a list of {\"event_type\": ...}");
            types = new ArrayList<>();
            for (JsonNode s : subscriptions) {
                if (!s.path("event_type").isTextual()) throw OAuthException.validation("subscriptions", "each needs an event_type");
                types.add(s.get("event_type").asText());
            }
        }
        Boolean enabled = body.text("status", 16).map(status -> switch (status) {
            case "active" -> true;
            case "inactive" -> false;
            default -> throw OAuthException.validation("status", "must be active or inactive");
        }).orElse(null);
        return new Webhooks.Draft(target, types, enabled);
    }

    private Actor actor(Principal principal, ServerRequest req) {
        var origin = Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
        return switch (principal.credential()) {
            case ApiKeyCredential key -> Actor.apiKey(key.id(), origin);
            case AccessTokenCredential token -> token.grant().map(g -> Actor.user(g.userId(), origin))
                    .orElseGet(() -> Actor.client(token.clientId(), origin));
            case RefreshTokenCredential refresh -> Actor.client(refresh.clientId(), origin);
        };
    }

    private static Map<String, Object> view(WebhookEndpoint e, Optional<WebhookSecret> secret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", Map.of("workspace_id", e.workspaceId().orElse(""), "webhook_id", e.id()));
        view.put("target_url", e.targetUrl().toString());
        view.put("subscriptions", new TreeSet<>(e.eventTypes()).stream().map(t -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("event_type", t);
            s.put("filter", null);
            return s;
        }).toList());
        view.put("status", e.enabled() ? "active" : "inactive");
        view.put("created_at", DateTimeFormatter.ISO_INSTANT.format(e.createdAt()));
        secret.ifPresent(s -> view.put("secret", s.reveal()));
        return view;
    }
}

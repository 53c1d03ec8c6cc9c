package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.actor;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.resources.ResourceService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Workspace API keys and protected resources under /manage/v1. */
public final class ApiKeyRoutes {
    private final ApiKeyService apiKeys;
    private final ResourceService resources;

    record ApiKeyRequest(String name, List<String> scopes, String expiresAt) {}
    record ResourceRequest(String uri, String name, List<String> scopes) {}

    public ApiKeyRoutes(ApiKeyService apiKeys, ResourceService resources) {
        this.apiKeys = apiKeys;
        this.resources = resources;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.post(BASE + "/workspaces/{id}/api_keys", g.guarded(this::create));
        r.get(BASE + "/workspaces/{id}/api_keys", g.guarded(this::list));
        r.patch(BASE + "/workspaces/{id}/api_keys/{key_id}", g.guarded(this::edit));
        r.delete(BASE + "/workspaces/{id}/api_keys/{key_id}", g.guarded(this::revoke));
        r.post(BASE + "/resources", g.guarded(this::saveResource));
        r.get(BASE + "/resources", g.guarded(this::listResources));
    }

    private void create(ServerRequest req, ServerResponse res) {
        ApiKeyRequest body = body(req, ApiKeyRequest.class);
        var draft = new ApiKeyService.Draft(body.name(), body.scopes(), expiry(body.expiresAt()));
        var created = apiKeys.create(Actor.operator(actor(req)), param(req, "id"), draft);
        Json.send(res, 201, Views.apiKey(created.key(), Optional.of(created.secret())));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var keys = apiKeys.list(Actor.operator(), param(req, "id"));
        Json.send(res, 200, Map.of("data", keys.stream().map(k -> Views.apiKey(k, Optional.empty())).toList()));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        ApiKeyRequest body = body(req, ApiKeyRequest.class);
        if (body.expiresAt() != null) throw OAuthException.validation("expires_at", "The expiry cannot be changed; create a new key");
        var key = apiKeys.edit(Actor.operator(actor(req)), param(req, "id"), param(req, "key_id"),
                Optional.ofNullable(body.name()), Optional.ofNullable(body.scopes()));
        Json.send(res, 200, Views.apiKey(key, Optional.empty()));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        apiKeys.revoke(Actor.operator(actor(req)), param(req, "id"), param(req, "key_id"));
        res.status(204).send();
    }

    private void saveResource(ServerRequest req, ServerResponse res) {
        ResourceRequest body = body(req, ResourceRequest.class);
        var saved = resources.save(body.uri(), body.name(), body.scopes() == null ? List.of() : body.scopes());
        Json.send(res, saved.created() ? 201 : 200, Views.resource(saved.resource()));
    }

    private void listResources(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Map.of("data", resources.list().stream().map(Views::resource).toList()));
    }

    /** An ISO-8601 instant ({@code 2030-01-01T00:00:00Z}), or none. */
    static Optional<Instant> expiry(String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw OAuthException.validation("expires_at", "must be an ISO-8601 instant like 2030-01-01T00:00:00Z");
        }
    }
}

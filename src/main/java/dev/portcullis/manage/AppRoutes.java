package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.actor;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.scopes.ScopeCheck;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/** Apps under /manage/v1: the operator acts on any app. Secrets appear only in the answer that made them. */
public final class AppRoutes {
    private final AppService apps;
    private final IdentityService identity;
    private final ScopeCheck scopeCheck;

    record RotateRequest(Boolean revokeOldNow) {}

    public AppRoutes(AppService apps, IdentityService identity, ScopeCheck scopeCheck) {
        this.apps = apps;
        this.identity = identity;
        this.scopeCheck = scopeCheck;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.post(BASE + "/apps", g.guarded(this::create));
        r.get(BASE + "/apps/{client_id}", g.guarded(this::get));
        r.patch(BASE + "/apps/{client_id}", g.guarded(this::update));
        r.delete(BASE + "/apps/{client_id}", g.guarded(this::delete));
        r.post(BASE + "/apps/{client_id}/secrets", g.guarded(this::rotate));
    }

    private void create(ServerRequest req, ServerResponse res) {
        AppFields body = body(req, AppFields.class);
        AppSettings settings = body.settings(Optional.empty(), scopeCheck);
        Optional<String> owner = owner(body);
        AppService.Created created = body.clientId() != null || body.clientSecret() != null
                ? apps.createWithCredentials(actor(req), owner, Optional.ofNullable(body.clientId()),
                        Optional.ofNullable(body.clientSecret()), settings)
                : apps.create(actor(req), owner, settings);
        Map<String, Object> view = Views.app(created.app());
        // A secret the caller brought is theirs already; only a generated one is shown (once).
        if (body.clientSecret() == null) created.clientSecret().ifPresent(s -> view.put("client_secret", s));
        Json.send(res, 201, view);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Views.app(existing(req)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        AppFields body = body(req, AppFields.class);
        body.checkUpdatable();
        App app = existing(req);
        Json.send(res, 200, Views.app(apps.updateAsOperator(actor(req), app.clientId(),
                body.settings(Optional.of(app.settings()), scopeCheck))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        apps.deleteAsOperator(actor(req), param(req, "client_id"));
        res.status(204).send();
    }

    /** {@code revoke_old_now: true} kills the old secrets at once; otherwise they live for the grace period. */
    private void rotate(ServerRequest req, ServerResponse res) {
        boolean revokeNow = req.content().hasEntity() && Boolean.TRUE.equals(body(req, RotateRequest.class).revokeOldNow());
        String secret = apps.rotateSecretAsOperator(actor(req), param(req, "client_id"), revokeNow);
        Json.send(res, 201, Map.of("client_id", param(req, "client_id"), "client_secret", secret));
    }

    private Optional<String> owner(AppFields body) {
        if (body.ownerUserId() != null) {
            return Optional.of(identity.findUser(body.ownerUserId())
                    .orElseThrow(() -> OAuthException.validation("owner_user_id", "No such user")).id());
        }
        if (body.owner() != null) {
            return Optional.of(identity.findByEmail(body.owner())
                    .orElseThrow(() -> OAuthException.validation("owner", "No account uses that email")).id());
        }
        return Optional.empty();
    }

    private App existing(ServerRequest req) {
        return apps.find(param(req, "client_id")).orElseThrow(() -> OAuthException.notFound("App not found"));
    }
}

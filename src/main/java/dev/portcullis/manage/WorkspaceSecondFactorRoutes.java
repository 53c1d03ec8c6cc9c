package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Workspace;
import dev.portcullis.mfa.WorkspaceRequirements;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** Whether a workspace requires a second factor of its members (docs/account-security.md), under /manage/v1. */
public final class WorkspaceSecondFactorRoutes {
    private final IdentityService identity;
    private final WorkspaceRequirements requirements;

    record Requirement(Boolean required) {}

    public WorkspaceSecondFactorRoutes(IdentityService identity, WorkspaceRequirements requirements) {
        this.identity = identity;
        this.requirements = requirements;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.get(BASE + "/workspaces/{id}/second-factor", g.guarded(this::show));
        r.put(BASE + "/workspaces/{id}/second-factor", g.guarded(this::change));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Map.of("required", requirements.required(workspace(req).id())));
    }

    private void change(ServerRequest req, ServerResponse res) {
        Workspace w = workspace(req);
        Requirement body = body(req, Requirement.class);
        if (body.required() == null) throw OAuthException.validation("required", "Give required: true or false");
        requirements.set(w.id(), body.required(), ManageEndpoint.actor(req));
        Json.send(res, 200, Map.of("required", body.required()));
    }

    private Workspace workspace(ServerRequest req) {
        return identity.findWorkspace(param(req, "id")).orElseThrow(() -> OAuthException.notFound("Workspace not found"));
    }
}

package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.ProfileChange;
import dev.portcullis.identity.Provisioning;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** Users, workspaces and members under /manage/v1. */
public final class IdentityRoutes {
    private final IdentityService identity;
    private final Provisioning provisioning;

    record WorkspaceRequest(String slug, String name, String logoUrl, String adminUserId, String adminEmail) {}
    record MemberRequest(String email, String role) {}
    record RoleRequest(String role) {}

    public IdentityRoutes(IdentityService identity, Provisioning provisioning) {
        this.identity = identity;
        this.provisioning = provisioning;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.post(BASE + "/users", g.guarded(this::createUser));
        r.get(BASE + "/users", g.guarded(this::findUserByEmail));
        r.get(BASE + "/users/{id}", g.guarded(this::getUser));
        r.patch(BASE + "/users/{id}", g.guarded(this::changeProfile));
        r.post(BASE + "/workspaces", g.guarded(this::createWorkspace));
        r.get(BASE + "/workspaces/{id}", g.guarded(this::getWorkspace));
        r.get(BASE + "/workspaces/{id}/members", g.guarded(this::listMembers));
        r.post(BASE + "/workspaces/{id}/members", g.guarded(this::addMember));
        r.patch(BASE + "/workspaces/{id}/members/{user_id}", g.guarded(this::changeRole));
        r.delete(BASE + "/workspaces/{id}/members/{user_id}", g.guarded(this::removeMember));
    }

    private void createUser(ServerRequest req, ServerResponse res) {
        // The same fields as an import file's user.
        SetupFile.UserEntry body = body(req, SetupFile.UserEntry.class);
        User user = provisioning.createUser(ManageEndpoint.actor(req),
                provisioning.prepareUser(body.name(), body.email(), body.password(), body.profileChange()));
        Json.send(res, 201, Views.user(user));
    }

    private void changeProfile(ServerRequest req, ServerResponse res) {
        // The body is the change itself: absent fields are kept, an empty string clears one (not the name).
        User user = provisioning.changeProfile(param(req, "id"), body(req, ProfileChange.class));
        Json.send(res, 200, Views.user(user));
    }

    private void findUserByEmail(ServerRequest req, ServerResponse res) {
        String email = Params.query(req).get("email").orElseThrow(() -> OAuthException.validation("email", "Give ?email= to find a user"));
        Json.send(res, 200, Views.user(identity.findByEmail(email).orElseThrow(IdentityRoutes::userNotFound)));
    }

    private void getUser(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Views.user(identity.findUser(param(req, "id")).orElseThrow(IdentityRoutes::userNotFound)));
    }

    private void createWorkspace(ServerRequest req, ServerResponse res) {
        WorkspaceRequest body = body(req, WorkspaceRequest.class);
        User admin = body.adminUserId() != null
                ? identity.findUser(body.adminUserId()).orElseThrow(() -> OAuthException.validation("admin_user_id", "No such user"))
                : identity.findByEmail(body.adminEmail()).orElseThrow(() -> OAuthException.validation("admin_email",
                        body.adminEmail() == null ? "Give admin_user_id or admin_email" : "No account uses that email"));
        if (body.slug() == null || body.slug().isBlank()) throw OAuthException.validation("slug", "Slug is required");
        Workspace w = identity.createWorkspace(ManageEndpoint.actor(req), admin.id(), body.name(), body.slug(), body.logoUrl());
        Json.send(res, 201, Views.workspace(w));
    }

    private void getWorkspace(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Views.workspace(workspace(req)));
    }

    private void listMembers(ServerRequest req, ServerResponse res) {
        Workspace w = workspace(req);
        Json.send(res, 200, Map.of("data", provisioning.members(w.id()).stream().map(Views::member).toList()));
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        MemberRequest body = body(req, MemberRequest.class);
        Json.send(res, 201, Views.member(provisioning.addMember(ManageEndpoint.actor(req), param(req, "id"), body.email(), role(body.role()))));
    }

    private void changeRole(ServerRequest req, ServerResponse res) {
        RoleRequest body = body(req, RoleRequest.class);
        provisioning.changeRole(ManageEndpoint.actor(req), param(req, "id"), param(req, "user_id"), role(body.role()));
        res.status(204).send();
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        provisioning.removeMember(ManageEndpoint.actor(req), param(req, "id"), param(req, "user_id"));
        res.status(204).send();
    }

    private Workspace workspace(ServerRequest req) {
        return identity.findWorkspace(param(req, "id")).orElseThrow(() -> OAuthException.notFound("Workspace not found"));
    }

    static Role role(String value) {
        return Role.parse(value).orElseThrow(() -> OAuthException.validation("role", "must be admin or member"));
    }

    private static OAuthException userNotFound() {
        return OAuthException.notFound("User not found");
    }
}

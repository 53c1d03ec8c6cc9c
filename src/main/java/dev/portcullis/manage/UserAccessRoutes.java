package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.connections.ConnectionService;
import dev.portcullis.connections.ConnectionView;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What lets a user in, for an operator answering an incident: the apps connected on their behalf
 * (listed, and disconnected one by one, which revokes that connection's tokens) and their login
 * sessions (all ended at once). Both are recorded in the audit log as the operator's acts.
 */
public final class UserAccessRoutes {
    private final IdentityService identity;
    private final ConnectionService connections;
    private final LoginSessions sessions;

    public UserAccessRoutes(IdentityService identity, ConnectionService connections, LoginSessions sessions) {
        this.identity = identity;
        this.connections = connections;
        this.sessions = sessions;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.get(BASE + "/users/{id}/connections", g.guarded(this::list));
        r.delete(BASE + "/users/{id}/connections/{connection_id}", g.guarded(this::revoke));
        r.delete(BASE + "/users/{id}/sessions", g.guarded(this::endSessions));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var data = connections.listForUser(user(req)).stream().map(UserAccessRoutes::view).toList();
        Json.send(res, 200, Map.of("data", data));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        connections.revokeByOperator(ManageEndpoint.actor(req), user(req), param(req, "connection_id"));
        res.status(204).send();
    }

    private void endSessions(ServerRequest req, ServerResponse res) {
        int ended = sessions.endAllByOperator(ManageEndpoint.actor(req), user(req));
        Json.send(res, 200, Map.of("sessions_ended", ended));
    }

    /** The user's id, once known: an unknown user is a 404, not an empty list. */
    private String user(ServerRequest req) {
        return identity.findUser(param(req, "id")).orElseThrow(() -> OAuthException.notFound("User not found")).id();
    }

    private static Map<String, Object> view(ConnectionView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("client_id", c.appId());
        m.put("app_name", c.appName());
        m.put("workspace_id", c.workspaceId());
        m.put("workspace_name", c.workspaceName());
        m.put("scopes", c.scopes());
        m.put("connected_at", c.connectedAt().toString());
        return m;
    }
}

package dev.portcullis.api.members;

import dev.portcullis.api.Page;
import dev.portcullis.api.PathIds;
import dev.portcullis.api.Principal;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Row;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/workspace_members}: the caller's workspace's memberships with their users. The id
 * is the membership id (what tasks assign and tokens report as authorized_by_workspace_member_id).
 */
public final class MembersEndpoint {
    private static final String NOT_FOUND = "Workspace member not found";
    private static final String SELECT = """
            SELECT m.id, m.role, m.created_at, u.name, u.email
              FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.workspace_id = ?""";

    private final Database database;

    public MembersEndpoint(Database database) {
        this.database = database;
    }

    public void list(Principal principal, ServerRequest req, ServerResponse res) {
        Page page = Page.of(req);
        List<Map<String, Object>> members = database.read(tx -> tx.query(
                SELECT + " ORDER BY m.created_at, m.id LIMIT ? OFFSET ?", MembersEndpoint::toJson,
                principal.workspaceId(), page.limit(), page.offset()));
        Json.send(res, 200, Map.of("data", members));
    }

    public void get(Principal principal, ServerRequest req, ServerResponse res) {
        String id = PathIds.uuid(req, "workspace_member_id", NOT_FOUND);
        Map<String, Object> member = database.read(tx -> tx.queryOne(SELECT + " AND m.id = ?", MembersEndpoint::toJson,
                principal.workspaceId(), id)).orElseThrow(() -> OAuthException.notFound(NOT_FOUND));
        Json.send(res, 200, Map.of("data", member));
    }

    /** Users have one name; first and last are split at the first space for clients that expect them. */
    private static Map<String, Object> toJson(Row r) {
        String name = r.text("name").strip();
        int space = name.indexOf(' ');
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.text("id"));
        out.put("name", name);
        out.put("first_name", space < 0 ? name : name.substring(0, space));
        out.put("last_name", space < 0 ? "" : name.substring(space + 1).strip());
        out.put("email_address", r.text("email"));
        out.put("access_level", r.text("role"));
        out.put("created_at", r.instant("created_at").toString());
        return out;
    }
}

package dev.portcullis.api.members;

import dev.portcullis.api.Page;
import dev.portcullis.api.PathIds;
import dev.portcullis.api.Principal;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.identity.MembershipRepository;
import dev.portcullis.storage.Database;
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

    private final Database database;
    private final MembershipRepository memberships;

    public MembersEndpoint(Database database, MembershipRepository memberships) {
        this.database = database;
        this.memberships = memberships;
    }

    public void list(Principal principal, ServerRequest req, ServerResponse res) {
        Page page = Page.of(req);
        List<Map<String, Object>> members = database.read(tx -> memberships.pageOf(tx, principal.workspaceId(), page.limit(),
                page.offset())).stream().map(MembersEndpoint::toJson).toList();
        Json.send(res, 200, Map.of("data", members));
    }

    public void get(Principal principal, ServerRequest req, ServerResponse res) {
        String id = PathIds.uuid(req, "workspace_member_id", NOT_FOUND);
        Map<String, Object> member = database.read(tx -> memberships.findInWorkspace(tx, principal.workspaceId(), id))
                .map(MembersEndpoint::toJson).orElseThrow(() -> OAuthException.notFound(NOT_FOUND));
        Json.send(res, 200, Map.of("data", member));
    }

    /** Users have one name; first and last are split at the first space for clients that expect them. */
    private static Map<String, Object> toJson(MembershipRepository.Listed m) {
        String name = m.name().strip();
        int space = name.indexOf(' ');
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.membership().id());
        out.put("name", name);
        out.put("first_name", space < 0 ? name : name.substring(0, space));
        out.put("last_name", space < 0 ? "" : name.substring(space + 1).strip());
        out.put("email_address", m.email());
        out.put("access_level", m.membership().role().value());
        out.put("created_at", m.joinedAt().toString());
        return out;
    }
}

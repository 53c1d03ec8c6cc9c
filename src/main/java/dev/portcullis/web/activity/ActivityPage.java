package dev.portcullis.web.activity;

import dev.portcullis.apps.AppService;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventQuery;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.WorkspaceGate;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /workspaces/{slug}/activity}: the workspace's audit log for its admins, newest first,
 * {@value #PAGE_SIZE} to a page, filtered by a {@link TypeGroup}; "Older" follows the cursor. A
 * non-member gets the 404 page, a member who is not an admin the 403 page. Only events recorded
 * in this workspace are read, whatever the query string says.
 */
public final class ActivityPage implements Routes {
    static final int PAGE_SIZE = 50;

    private final EventLog events;
    private final EventLines lines;
    private final WorkspaceGate gate;
    private final CurrentUser currentUser;
    private final Pages pages;

    public ActivityPage(EventLog events, IdentityService identity, WorkspaceGate gate, AppService apps, CurrentUser currentUser,
                        Pages pages) {
        this.events = events;
        this.lines = new EventLines(identity, apps);
        this.gate = gate;
        this.currentUser = currentUser;
        this.pages = pages;
    }

    /** What the template needs: the group shown (empty: all), this page's rows, and the next page's cursor. */
    public record Shown(Optional<TypeGroup> group, List<EventLine> lines, Optional<String> older, boolean first) {
        public List<TypeGroup> groups() {
            return List.of(TypeGroup.values());
        }
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/workspaces/{slug}/activity", pages.page(this::show));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void show(ServerRequest req, ServerResponse res) {
        SignedIn viewer = currentUser.require(req);
        WorkspaceAccess access = gate.enter(req, viewer, req.path().pathParameters().get("slug"));
        if (!access.isAdmin()) throw new OAuthException(new OAuthError.AccessDenied("Only workspace admins can see its activity"));
        Params query = Params.query(req);
        Optional<TypeGroup> group = query.get("group").map(slug -> TypeGroup.bySlug(slug)
                .orElseThrow(() -> OAuthException.validation("group", "Unknown group of events")));
        EventQuery q = EventQuery.newest(PAGE_SIZE).inWorkspace(access.workspace().id());
        if (group.isPresent()) q = q.ofTypes(group.get().types());
        Optional<String> cursor = query.get("cursor");
        if (cursor.isPresent()) {
            q = q.after(EventQuery.Cursor.decode(cursor.get())
                    .orElseThrow(() -> OAuthException.validation("cursor", "This link to older events is broken")));
        }
        EventQuery.Page page = events.page(q);
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Activity of " + access.workspace().name(), viewer));
        params.put("workspace", access.workspace());
        params.put("shown", new Shown(group, lines.of(page.events()), page.next().map(EventQuery.Cursor::encode), cursor.isEmpty()));
        pages.render(res, 200, "activity/workspace.jte", params);
    }
}

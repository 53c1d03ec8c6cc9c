package dev.portcullis.web;

import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.mfa.SecondFactorDemand;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * The door to a workspace's pages, and to approving a device for one: a member of a workspace
 * whose admins require a second factor comes in only on a session that used two. Without a factor
 * they are sent to enrol one and come back; with one, their single-factor session ends and they
 * log in again with both. The same rule holds at /authorize ({@link SecondFactorDemand}).
 */
public final class WorkspaceGate {
    static final String ENROL = "/account/two-factor";
    private final IdentityService identity;
    private final Predicate<String> workspaceRequires;
    private final Predicate<String> hasSecondFactor;
    private final LoginSessions sessions;
    private final SessionCookie cookie;

    public WorkspaceGate(IdentityService identity, Predicate<String> workspaceRequires, Predicate<String> hasSecondFactor,
                         LoginSessions sessions, SessionCookie cookie) {
        this.identity = identity;
        this.workspaceRequires = workspaceRequires;
        this.hasSecondFactor = hasSecondFactor;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    /** The viewer's access to the workspace at {@code slug} (404 when not a member), once its requirement is met. */
    public WorkspaceAccess enter(ServerRequest req, SignedIn viewer, String slug) {
        WorkspaceAccess access = identity.accessBySlug(viewer.userId(), slug);
        // A form post cannot be repeated by a redirect: come back to the workspace's page instead.
        String back = req.prologue().method().equals(Method.GET) ? CurrentUser.here(req) : "/workspaces/" + access.workspace().slug();
        demand(req, viewer, access.workspace().id(), back);
        return access;
    }

    /** Returns when the viewer's session meets the workspace's requirement; throws the redirect that meets it otherwise. */
    public void demand(ServerRequest req, SignedIn viewer, String workspaceId, String returnTo) {
        switch (SecondFactorDemand.of(workspaceRequires.test(workspaceId), viewer.session().multiFactor(),
                () -> hasSecondFactor.test(viewer.userId()))) {
            case NONE -> { }
            case ENROL -> throw new SecondFactorRequired(ENROL + "?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
            case LOG_IN_AGAIN -> {
                cookie.read(req).ifPresent(sessions::end);
                throw new LoginRequired(returnTo);
            }
        }
    }
}

package dev.portcullis.web.accountsecurity;

import dev.portcullis.identity.LoginSessions;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.activity.UserAgents;
import dev.portcullis.web.dashboard.Timestamps;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.List;

/** What /account shows under "Security" (templates/account/security.jte): the address's state and the login sessions. */
public final class SecuritySection {
    private final LoginSessions sessions;
    private final SessionCookie cookie;
    private final Clock clock;

    public SecuritySection(LoginSessions sessions, SessionCookie cookie, Clock clock) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.clock = clock;
    }

    /** One session as a line of the list. */
    public record SessionLine(String handle, String device, String address, String created, String lastUsed, boolean current) {}

    public record View(boolean emailVerified, String email, List<SessionLine> sessions) {
        public boolean othersExist() {
            return sessions.stream().anyMatch(s -> !s.current());
        }
    }

    public View view(ServerRequest req, SignedIn viewer) {
        var lines = sessions.activeOf(viewer.userId(), cookie.read(req), clock.instant()).stream()
                .map(s -> new SessionLine(s.handle(), UserAgents.readable(s.userAgent()), s.address().orElse("unknown address"),
                        Timestamps.utc(s.createdAt()), Timestamps.utc(s.lastUsedAt()), s.current()))
                .toList();
        return new View(viewer.user().emailVerified(), viewer.user().email(), lines);
    }
}

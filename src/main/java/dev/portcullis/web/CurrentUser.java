package dev.portcullis.web;

import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.LoginSessions;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Optional;

/** Who is signed in on a request, read from the session cookie; what every page handler asks first. */
public final class CurrentUser {
    private final SessionCookie cookie;
    private final LoginSessions sessions;
    private final IdentityService identity;
    private final Clock clock;

    public CurrentUser(SessionCookie cookie, LoginSessions sessions, IdentityService identity, Clock clock) {
        this.cookie = cookie;
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
    }

    public Optional<SignedIn> find(ServerRequest req) {
        return cookie.read(req)
                .flatMap(value -> sessions.resolve(value, clock.instant()))
                .flatMap(session -> identity.findUser(session.userId()).map(user -> new SignedIn(user, session)));
    }

    /** The signed-in user, or a {@link LoginRequired} that sends the browser to log in and come back here. */
    public SignedIn require(ServerRequest req) {
        return find(req).orElseThrow(() -> new LoginRequired(here(req)));
    }

    /** Back to this page after login; a form post cannot be replayed by a GET, so it returns to the account page. */
    static String here(ServerRequest req) {
        if (!req.prologue().method().equals(Method.GET)) return ReturnTo.DEFAULT;
        String path = req.path().rawPath();
        String query = req.query().rawValue();
        return query.isEmpty() ? path : path + "?" + query;
    }
}

package dev.portcullis.web.accountsecurity;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;

/** Ending login sessions from /account: one of one's own by its handle, or all but this one. */
public final class SessionPages implements Routes {
    static final String SECTION = "sessions";
    private final LoginSessions sessions;
    private final CurrentUser currentUser;
    private final SessionCookie cookie;
    private final Pages pages;
    private final Flashes flashes;

    public SessionPages(LoginSessions sessions, CurrentUser currentUser, SessionCookie cookie, Pages pages, Flashes flashes) {
        this.sessions = sessions;
        this.currentUser = currentUser;
        this.cookie = cookie;
        this.pages = pages;
        this.flashes = flashes;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.post("/account/sessions/end-others", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Csrf.check(viewer, Params.body(req));
            int ended = sessions.endOthers(viewer.userId(), cookie.read(req).orElse(""));
            flashes.redirect(req, res, "/account", Flash.notice(SECTION, ended == 1 ? "1 other session ended."
                    : ended + " other sessions ended."));
        }));
        routing.post("/account/sessions/{handle}/end", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Csrf.check(viewer, Params.body(req));
            // Only the viewer's own: another user's handle ends nothing and answers as an unknown one.
            if (!sessions.endOne(viewer.userId(), req.path().pathParameters().get("handle"))) {
                throw OAuthException.notFound("No such session: it may have ended already");
            }
            if (currentUser.find(req).isEmpty()) {
                // They ended the session they were using: that is a log-out.
                cookie.clear(res);
                Pages.redirect(res, "/login");
                return;
            }
            flashes.redirect(req, res, "/account", Flash.notice(SECTION, "Session ended: that browser is logged out."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }
}

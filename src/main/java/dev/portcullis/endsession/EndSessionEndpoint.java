package dev.portcullis.endsession;

import dev.portcullis.apps.ClientLookup;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.SecurityHeaders;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.SignedIn;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth2/logout}, the {@code end_session_endpoint} (GET or POST, RP-Initiated Logout §2).
 * A signed-in user confirms first, so a page elsewhere cannot log them out by linking here; then
 * the session ends and they go back to the client's registered URI, or see that they are logged out.
 */
public final class EndSessionEndpoint implements Routes {
    static final String PATH = "/oauth2/logout";
    private static final String CONFIRM = PATH + "/confirm";
    private static final String[] FORWARDED = {"id_token_hint", "client_id", "post_logout_redirect_uri", "state"};

    private final KeyRing keys;
    private final String issuer;
    private final ClientLookup clients;
    private final CurrentUser currentUser;
    private final SessionCookie cookie;
    private final LoginSessions sessions;
    private final Pages pages;
    private final ClientAddress clientAddress;

    public EndSessionEndpoint(KeyRing keys, String issuer, ClientLookup clients, CurrentUser currentUser, SessionCookie cookie,
                              LoginSessions sessions, Pages pages, ClientAddress clientAddress) {
        this.keys = keys;
        this.issuer = issuer;
        this.clients = clients;
        this.currentUser = currentUser;
        this.cookie = cookie;
        this.sessions = sessions;
        this.pages = pages;
        this.clientAddress = clientAddress;
    }

    @Override
    public void mount(RouteTable r) {
        r.get(PATH, pages.page(this::request));
        r.post(PATH, pages.page(this::posted));
        r.post(CONFIRM, pages.page(this::confirm));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    /**
     * A POST from the client's site carries no session cookie (SameSite=Lax), so it would look
     * signed out and end nothing; as a GET, a top-level navigation, it carries the cookie. The GET
     * checks the request, with the session in view.
     */
    private void posted(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        StringBuilder query = new StringBuilder();
        for (String name : FORWARDED) {
            params.get(name).ifPresent(v -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        }
        Pages.redirect(res, PATH + query);
    }

    private void request(ServerRequest req, ServerResponse res) {
        Optional<SignedIn> viewer = currentUser.find(req);
        LogoutRequest logout = LogoutRequest.parse(Params.query(req), keys, issuer, clients,
                viewer.map(SignedIn::userId));
        if (viewer.isEmpty()) {
            finish(res, logout);
            return;
        }
        Map<String, Object> view = new HashMap<>();
        view.put("layout", Layout.of("Log out", viewer.get()));
        view.put("csrf", viewer.get().csrf());
        view.put("hint", logout.hint().orElse(""));
        view.put("clientId", logout.clientId().orElse(""));
        view.put("returnTo", logout.returnTo().orElse(""));
        view.put("state", logout.state().orElse(""));
        logout.returnTo().ifPresent(target -> SecurityHeaders.allowFormRedirectTo(res, target));
        pages.render(res, 200, "logout/confirm.jte", view);
    }

    /**
     * The confirmation form carries the request; it is checked again before the session ends. A
     * request that brought no session cookie ends nothing and clears nothing: otherwise any site
     * could post here and overwrite the cookie.
     */
    private void confirm(ServerRequest req, ServerResponse res) {
        Params form = Params.body(req);
        Optional<SignedIn> viewer = currentUser.find(req);
        viewer.ifPresent(v -> Csrf.check(v, form));
        LogoutRequest logout = LogoutRequest.parse(form, keys, issuer, clients, viewer.map(SignedIn::userId));
        cookie.read(req).ifPresent(value -> {
            sessions.logOut(value, Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req)));
            cookie.clear(res);
        });
        finish(res, logout);
    }

    private void finish(ServerResponse res, LogoutRequest logout) {
        Optional<String> redirect = logout.redirect();
        if (redirect.isPresent()) {
            Pages.redirect(res, redirect.get());
            return;
        }
        pages.render(res, 200, "logout/done.jte", Map.of("layout", Layout.anonymous("Logged out")));
    }
}

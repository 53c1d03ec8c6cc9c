package dev.portcullis.externallogin;

import dev.portcullis.authorize.BrowserBinding;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.JsonBody;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.operators.OperatorTokens;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SecondFactorStep;
import dev.portcullis.web.SessionCookie;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SaaS's side of an external login: {@code POST /manage/v1/external-auth/complete} and
 * WorkOS's {@code POST /authkit/oauth2/complete} (operator token as Bearer, API errors), the
 * one-time link back ({@code GET /login/external}, a page), and the operator's settings at
 * {@code /manage/v1/settings/external-login}. Mount before the management API, whose catch-all
 * would answer these paths first.
 */
public final class ExternalLoginEndpoint implements Routes {
    static final String SETTINGS = "/manage/v1/settings/external-login";
    private final ExternalAuthentications logins;
    private final SecondFactorStep secondFactor;
    private final LoginSettings settings;
    private final OperatorTokens operators;
    private final BrowserBinding browsers;
    private final SessionCookie cookie;
    private final LoginSessions sessions;
    private final Pages pages;
    private final Clock clock;
    private final ClientAddress clientAddress;

    public ExternalLoginEndpoint(ExternalAuthentications logins, LoginSettings settings, OperatorTokens operators,
                                 BrowserBinding browsers, SessionCookie cookie, LoginSessions sessions, Pages pages, Clock clock,
                                 ClientAddress clientAddress, SecondFactorStep secondFactor) {
        this.logins = logins;
        this.secondFactor = secondFactor;
        this.settings = settings;
        this.operators = operators;
        this.browsers = browsers;
        this.cookie = cookie;
        this.sessions = sessions;
        this.pages = pages;
        this.clock = clock;
        this.clientAddress = clientAddress;
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }

    @Override
    public void mount(RouteTable r) {
        r.post("/manage/v1/external-auth/complete", operator((req, res) ->
                answer(res, logins.complete(JsonBody.bind(req, CompleteRequest.class), operatorOf(req)))));
        r.post("/authkit/oauth2/complete", operator((req, res) ->
                answer(res, logins.complete(JsonBody.bind(req, AuthKitCompleteRequest.class).asComplete(), operatorOf(req)))));
        r.get(SETTINGS, operator((req, res) -> Json.send(res, 200, view(settings.current()))));
        r.put(SETTINGS, operator((req, res) ->
                Json.send(res, 200, view(settings.change(JsonBody.bind(req, LoginSettings.Change.class))))));
        r.delete(SETTINGS, operator((req, res) -> Json.send(res, 200, view(settings.reset()))));
    }

    /** The link back is a page in the browser, so its errors are pages; the rest of this endpoint answers JSON. */
    public Routes linkBack() {
        return new LinkBack();
    }

    private final class LinkBack implements Routes {
        @Override
        public ErrorStyle errorStyle() {
            return ErrorStyle.PAGE;
        }

        @Override
        public void mount(RouteTable r) {
            r.get(ExternalAuthentications.CALLBACK, pages.page(ExternalLoginEndpoint.this::callback));
        }
    }

    private Handler operator(Handler handler) {
        return (req, res) -> {
            var token = operators.authenticate(req.headers().first(HeaderNames.AUTHORIZATION), origin(req));
            req.context().register(new Operator(Actor.operator(token.id(), origin(req))));
            handler.handle(req, res);
        };
    }

    private record Operator(Actor actor) {}

    private static Actor operatorOf(ServerRequest req) {
        return req.context().get(Operator.class).orElseThrow().actor();
    }

    private Actor.Origin origin(ServerRequest req) {
        return Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
    }

    /** The link back is a one-time secret: never cached (RFC 9111 §5.2.2.5). */
    private static void answer(ServerResponse res, java.net.URI redirectUri) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, 200, Map.of("redirect_uri", redirectUri.toString()));
    }

    /** A fresh session at login, as the password login does, so a planted cookie cannot ride into it (session fixation). */
    private void callback(ServerRequest req, ServerResponse res) {
        var finished = logins.finish(Params.query(req).get("code").orElse(""), browsers.presented(req));
        cookie.read(req).ifPresent(sessions::end);
        // The SaaS proved who it is; a second factor enrolled here is still asked (docs/account-security.md).
        if (secondFactor.divert(res, finished.userId(), finished.returnTo(), "external")) return;
        cookie.set(res, sessions.logIn(finished.userId(), clock.instant(), origin(req), "external").cookieValue());
        Pages.redirect(res, finished.returnTo());
    }

    private Map<String, Object> view(dev.portcullis.config.Config.Login now) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("external_login_uri", settings.defaults().externalLoginUri().map(Object::toString).orElse(null));
        defaults.put("password_login", settings.defaults().passwordLogin());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("external_login_uri", now.externalLoginUri().map(Object::toString).orElse(null));
        out.put("password_login", now.passwordLogin());
        out.put("defaults", defaults);
        return out;
    }
}

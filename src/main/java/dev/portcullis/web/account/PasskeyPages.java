package dev.portcullis.web.account;

import dev.portcullis.events.Actor;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.mfa.Passkeys;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.dashboard.Timestamps;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /account/passkeys}: the user's passkeys (name, added, last used), renamed or removed by
 * form; a new one is registered by /assets/passkeys.js, which asks for the creation options, runs
 * the browser's ceremony and posts its answer with the add form. Successful POSTs answer 303 with a flash.
 */
public final class PasskeyPages implements Routes {
    public static final String PATH = "/account/passkeys";
    private static final String SECTION = "passkeys";
    private final Passkeys passkeys;
    private final CurrentUser currentUser;
    private final SessionCookie cookie;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress addresses;

    /** One passkey as the page lists it. */
    public record Line(String id, String name, String created, String lastUsed) {}

    public PasskeyPages(Passkeys passkeys, CurrentUser currentUser, SessionCookie cookie, Pages pages, Flashes flashes,
                        ClientAddress addresses) {
        this.passkeys = passkeys;
        this.currentUser = currentUser;
        this.cookie = cookie;
        this.pages = pages;
        this.flashes = flashes;
        this.addresses = addresses;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get(PATH, pages.page((req, res) -> show(req, res, currentUser.require(req), 200, null)));
        routing.post(PATH + "/options", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Csrf.check(viewer, Params.body(req));
            var started = passkeys.startRegistration(viewer.userId(), viewer.user().email(), viewer.user().name());
            cookie.set(res, Passkeys.COOKIE, started.cookieValue(), Passkeys.CEREMONY);
            Json.send(res, 200, started.options());
        }));
        routing.post(PATH, pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            String ceremony = cookie.read(req, Passkeys.COOKIE).orElse("");
            cookie.set(res, Passkeys.COOKIE, "", java.time.Duration.ZERO);
            var added = passkeys.finishRegistration(viewer.userId(), ceremony, form.get("credential").orElse(""),
                    form.get("name").orElse(""), actor(req, viewer));
            if (added.isEmpty()) {
                show(req, res, viewer, 400, "The passkey was not added: the browser's answer did not check out or came too late. Try again.");
                return;
            }
            flashes.redirect(req, res, PATH, Flash.notice(SECTION, "Passkey added: " + added.get().name() + "."));
        }));
        routing.post(PATH + "/{id}/rename", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            if (!passkeys.rename(viewer.userId(), req.path().pathParameters().get("id"), form.get("name").orElse(""))) throw notFound();
            flashes.redirect(req, res, PATH, Flash.notice(SECTION, "Passkey renamed."));
        }));
        routing.post(PATH + "/{id}/remove", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Csrf.check(viewer, Params.body(req));
            if (!passkeys.remove(viewer.userId(), req.path().pathParameters().get("id"), actor(req, viewer))) throw notFound();
            flashes.redirect(req, res, PATH, Flash.notice(SECTION, "Passkey removed: it no longer signs you in."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    /** Another user's passkey looks exactly like one that does not exist. */
    private static OAuthException notFound() {
        return OAuthException.notFound("Passkey not found");
    }

    private Actor actor(ServerRequest req, SignedIn viewer) {
        return Actor.user(viewer.userId(), Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req)));
    }

    private void show(ServerRequest req, ServerResponse res, SignedIn viewer, int status, String error) {
        List<Line> lines = passkeys.list(viewer.userId()).stream()
                .map(p -> new Line(p.id(), p.name(), Timestamps.utc(p.createdAt()), p.lastUsedAt().map(Timestamps::utc).orElse("never")))
                .toList();
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Passkeys", viewer));
        params.put("viewer", viewer);
        params.put("error", error);
        params.put("flash", status == 200 ? flashes.take(req).orElse(null) : null);
        params.put("passkeys", lines);
        params.put("maxName", Passkeys.MAX_NAME);
        pages.render(res, status, "account/passkeys.jte", params);
    }
}

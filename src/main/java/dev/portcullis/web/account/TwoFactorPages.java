package dev.portcullis.web.account;

import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.mfa.SecondFactors;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import dev.portcullis.web.SignedIn;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /account/two-factor}: enrol an authenticator app (a QR code drawn on the server and the
 * secret as text, confirmed by a first code), then see the recovery codes once; renew them, or
 * remove the authenticator with a current code. Successful POSTs answer 303 with a flash.
 */
public final class TwoFactorPages implements Routes {
    static final String PATH = "/account/two-factor";
    private static final String SECTION = "authenticator";
    private final SecondFactors factors;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress clientAddress;

    public TwoFactorPages(SecondFactors factors, CurrentUser currentUser, Pages pages, Flashes flashes, ClientAddress clientAddress) {
        this.factors = factors;
        this.clientAddress = clientAddress;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get(PATH, pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            show(req, res, viewer, 200, null, returnTo(Params.query(req)), factors.enrolled(viewer.userId())
                    ? null : factors.propose(viewer.userId(), viewer.user().email()).orElse(null));
        }));
        routing.post(PATH + "/confirm", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            var codes = factors.confirm(viewer.userId(), form.get("code").orElse(""), origin(req));
            String returnTo = returnTo(form);
            if (codes.isEmpty()) {
                show(req, res, viewer, 400, "That code is not right. Enter the code your app shows now.", returnTo,
                        factors.proposed(viewer.userId(), viewer.user().email()).orElse(null));
                return;
            }
            // Sent here to enrol (a workspace requires it): the page with the codes links back there.
            String back = returnTo.equals(ReturnTo.DEFAULT) ? PATH : PATH + "?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
            flashes.redirect(req, res, back, recoveryCodes("Authenticator added: logging in now asks for its code.", codes.get()));
        }));
        routing.post(PATH + "/recovery-codes", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Csrf.check(viewer, Params.body(req));
            var codes = factors.renewRecoveryCodes(viewer.userId(), origin(req));
            if (codes.isEmpty()) {
                Pages.redirect(res, PATH);
                return;
            }
            flashes.redirect(req, res, PATH, recoveryCodes("New recovery codes: the earlier ones no longer work.", codes.get()));
        }));
        routing.post(PATH + "/remove", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            // A current code proves the person at this session still holds the factor they remove.
            if (factors.check(viewer.userId(), form.get("code").orElse("")) == SecondFactors.Check.REFUSED) {
                show(req, res, viewer, 400, "That code is not right. Enter a current code or a recovery code.", ReturnTo.DEFAULT, null);
                return;
            }
            factors.remove(viewer.userId(), origin(req));
            flashes.redirect(req, res, PATH, Flash.notice(SECTION, "Authenticator removed: logging in asks for your password alone."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private Actor.Origin origin(ServerRequest req) {
        return Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
    }

    private static Flash recoveryCodes(String notice, List<String> codes) {
        return Flash.notice(SECTION, notice).withSecret("Recovery codes", String.join(" ", codes));
    }

    /** Where to go on after enrolling: a local path only ({@link ReturnTo}), the account page by default. */
    private static String returnTo(Params params) {
        return ReturnTo.safe(params.get("return_to").orElse(null));
    }

    private void show(ServerRequest req, ServerResponse res, SignedIn viewer, int status, String error, String returnTo,
                      SecondFactors.Enrolment enrolment) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Two-factor authentication", viewer));
        params.put("viewer", viewer);
        params.put("error", error);
        params.put("flash", status == 200 ? flashes.take(req).orElse(null) : null);
        params.put("enrolled", factors.enrolled(viewer.userId()));
        params.put("recoveryCodesLeft", factors.recoveryCodesLeft(viewer.userId()));
        params.put("enrolment", enrolment);
        params.put("returnTo", returnTo);
        pages.render(res, status, "account/twoFactor.jte", params);
    }
}

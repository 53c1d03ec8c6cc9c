package dev.portcullis.web.accountsecurity;

import dev.portcullis.accountsecurity.EmailVerification;
import dev.portcullis.accountsecurity.VerificationMail;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Layout;
import dev.portcullis.web.Pages;
import dev.portcullis.web.ReturnTo;
import dev.portcullis.web.flash.Flash;
import dev.portcullis.web.flash.Flashes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code GET /verify-email?token=...}: the mailed link, which verifies the address (a GET, so a
 * mail client's link preview may use it first; verifying is harmless to repeat). {@code POST
 * /account/verification/resend} mails a new link, at most {@code perAccount} allows.
 */
public final class VerificationPages implements Routes {
    static final String SECTION = "email-verification";
    private final EmailVerification verification;
    private final VerificationMail mail;
    private final CurrentUser currentUser;
    private final Pages pages;
    private final Flashes flashes;
    private final ClientAddress clientAddress;
    private final RateLimiter perAccount;

    public VerificationPages(EmailVerification verification, VerificationMail mail, CurrentUser currentUser, Pages pages, Flashes flashes,
                             ClientAddress clientAddress, RateLimiter perAccount) {
        this.clientAddress = clientAddress;
        this.verification = verification;
        this.mail = mail;
        this.currentUser = currentUser;
        this.pages = pages;
        this.flashes = flashes;
        this.perAccount = perAccount;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.get("/verify-email", pages.page(this::verify));
        routing.post("/account/verification/resend", pages.page((req, res) -> {
            var viewer = currentUser.require(req);
            Params form = Params.body(req);
            Csrf.check(viewer, form);
            String returnTo = ReturnTo.safe(form.get("return_to").orElse(null));
            perAccount.acquire(viewer.userId());
            boolean sent = mail.send(viewer.userId());
            flashes.redirect(req, res, returnTo, Flash.notice(SECTION, sent
                    ? "We sent a new link to " + viewer.user().email() + ". It works for 24 hours."
                    : "Your email address is verified already."));
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private void verify(ServerRequest req, ServerResponse res) {
        var verified = verification.verify(Params.query(req).get("token").orElse(""),
                Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req)));
        var viewer = currentUser.find(req);
        if (verified.isEmpty()) {
            pages.render(res, 400, "accountsecurity/linkInvalid.jte", Map.of(
                    "layout", viewer.map(v -> Layout.of("Link no longer works", v)).orElse(Layout.anonymous("Link no longer works")),
                    "what", "verification",
                    "again", "/account#" + SECTION,
                    "againLabel", "Send a new link from your account page"));
            return;
        }
        pages.render(res, 200, "accountsecurity/verified.jte", Map.of(
                "layout", viewer.map(v -> Layout.of("Email verified", v)).orElse(Layout.anonymous("Email verified")),
                "email", verified.get().email(),
                "signedIn", viewer.isPresent()));
    }
}

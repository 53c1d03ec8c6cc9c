package dev.portcullis.web;

import dev.portcullis.mfa.PendingLogins;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Predicate;

/**
 * Between a first factor and a session: the password form, the external login's link back and an
 * upstream provider's callback all come here once they know who the person is. A user with a
 * second factor is sent to the code form ({@link #PATH}) with a pending login; anyone else gets their
 * session from the caller. Asking it after every first factor is what lets a workspace that
 * requires two factors admit members who sign in elsewhere.
 */
public final class SecondFactorStep {
    /** The code form (web/login/SecondFactorPage). */
    public static final String PATH = "/login/second-factor";
    /** The pending login's cookie. */
    public static final String COOKIE = "portcullis_mfa";
    private final PendingLogins pendingLogins;
    private final Predicate<String> hasSecondFactor;
    private final SessionCookie cookie;

    /** {@code hasSecondFactor}: whether a user has one to give (an authenticator app or a passkey). */
    public SecondFactorStep(PendingLogins pendingLogins, Predicate<String> hasSecondFactor, SessionCookie cookie) {
        this.pendingLogins = pendingLogins;
        this.hasSecondFactor = hasSecondFactor;
        this.cookie = cookie;
    }

    /**
     * True when {@code userId} has a second factor to give: then the pending login is started, its
     * cookie set, and the browser sent to the code form; {@code method} names the first factor.
     */
    public boolean divert(ServerResponse res, String userId, String returnTo, String method) {
        if (!hasSecondFactor.test(userId)) return false;
        cookie.set(res, COOKIE, pendingLogins.start(userId, returnTo, method), PendingLogins.LIFETIME);
        Pages.redirect(res, PATH);
        return true;
    }

    public PendingLogins pendingLogins() {
        return pendingLogins;
    }
}

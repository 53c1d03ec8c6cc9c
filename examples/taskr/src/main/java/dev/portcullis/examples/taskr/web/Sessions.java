package dev.portcullis.examples.taskr.web;

import dev.portcullis.examples.taskr.storage.Database;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The session cookie and what hangs off it. The cookie is HttpOnly and SameSite=Lax: Lax still
 * sends it on the top-level redirect back from Portcullis, so the callback can check its state.
 */
public final class Sessions {
    static final String COOKIE = "taskr_session";
    private final SessionRepository repository;
    private final SecureRandom random;
    private final boolean secureCookie;

    public Sessions(Database db, Clock clock, SecureRandom random, boolean secureCookie) {
        this.repository = new SessionRepository(db, clock);
        this.random = random;
        this.secureCookie = secureCookie;
    }

    public Optional<Session> find(ServerRequest req) {
        return cookie(req).flatMap(repository::find);
    }

    /** The visitor's session, or a fresh anonymous one: forms need a CSRF token before login. */
    public Session findOrStart(ServerRequest req, ServerResponse res) {
        return find(req).orElseGet(() -> start(res, Optional.empty()));
    }

    /** A new session id at login, so an id planted before login is worthless (session fixation). */
    public Session logIn(ServerRequest req, ServerResponse res, String userId) {
        find(req).ifPresent(s -> repository.delete(s.idHash()));
        return start(res, Optional.of(userId));
    }

    public void logOut(Session session, ServerResponse res) {
        repository.delete(session.idHash());
        setCookie(res, "; Max-Age=0");
    }

    /** The session of a form post whose CSRF token matches it; anything else is 403. */
    public Session requireCsrf(ServerRequest req, Form form) {
        Session session = find(req).orElseThrow(Sessions::expired);
        if (!RandomString.same(session.csrfToken(), form.get("csrf"))) throw expired();
        return session;
    }

    public void beginAuthorization(Session session, String state, String verifier) {
        repository.beginAuthorization(session.idHash(), state, verifier);
    }

    public void endAuthorization(Session session) {
        repository.endAuthorization(session.idHash());
    }

    public void flash(Session session, String message) {
        repository.flash(session.idHash(), message);
    }

    /** The pending message, shown once. */
    public Optional<String> takeFlash(Session session) {
        session.flash().ifPresent(m -> repository.clearFlash(session.idHash()));
        return session.flash();
    }

    private Session start(ServerResponse res, Optional<String> userId) {
        String value = RandomString.next(random);
        Session session = repository.create(value, userId, RandomString.next(random));
        setCookie(res, value);
        return session;
    }

    /** A session cookie (no Max-Age): it ends with the browser, the row with its expiry. */
    private void setCookie(ServerResponse res, String valueAndAttributes) {
        res.headers().add(HeaderNames.SET_COOKIE, COOKIE + "=" + valueAndAttributes + "; Path=/; HttpOnly; SameSite=Lax" + (secureCookie ? "; Secure" : ""));
    }

    private static Optional<String> cookie(ServerRequest req) {
        return Optional.ofNullable(req.headers().cookies().first(COOKIE).orElse(null)).filter(v -> !v.isEmpty());
    }

    private static WebException expired() {
        return new WebException(403, "Your session expired or this form is stale. Go back, reload the page and try again.");
    }
}

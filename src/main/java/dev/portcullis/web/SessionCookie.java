package dev.portcullis.web;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The login session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/, and Secure whenever the issuer is https (RFC 6265bis §4.1.2). With an https
 * issuer every cookie we set is named {@code __Host-...} (RFC 6265bis §4.1.3.2): browsers then
 * accept it only Secure, for Path=/ and without Domain, so a sibling subdomain or a plain-http
 * page cannot plant or overwrite it. An http issuer (local development) keeps the plain names.
 */
public final class SessionCookie {
    static final String NAME = "portcullis_session";
    private static final String HOST_PREFIX = "__Host-";
    private final boolean secure;
    private final Duration maxAge;

    public SessionCookie(URI issuer, Duration maxAge) {
        this.secure = "https".equalsIgnoreCase(issuer.getScheme());
        this.maxAge = maxAge;
    }

    public Optional<String> read(ServerRequest req) {
        return read(req, NAME);
    }

    public void set(ServerResponse res, String value) {
        set(res, NAME, value, maxAge);
    }

    public void clear(ServerResponse res) {
        set(res, NAME, "", Duration.ZERO);
    }

    boolean secure() {
        return secure;
    }

    /** The name a cookie called {@code base} has on the wire: {@code __Host-} prefixed when the issuer is https. */
    String name(String base) {
        return secure ? HOST_PREFIX + base : base;
    }

    public Optional<String> read(ServerRequest req, String base) {
        return req.headers().cookies().first(name(base)).asOptional().filter(v -> !v.isEmpty());
    }

    /** Never with a Domain attribute: a {@code __Host-} cookie must have none, and the others need none. */
    public void set(ServerResponse res, String base, String value, Duration age) {
        res.headers().addCookie(SetCookie.builder(name(base), value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(SetCookie.SameSite.LAX)
                .maxAge(age)
                .build());
    }
}

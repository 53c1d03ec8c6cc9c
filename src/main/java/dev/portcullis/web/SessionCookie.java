package dev.portcullis.web;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The login session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/, and Secure whenever the issuer is https (RFC 6265bis §4.1.2).
 */
public final class SessionCookie {
    public static final String NAME = "portcullis_session";
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

    static Optional<String> read(ServerRequest req, String name) {
        return req.headers().cookies().first(name).asOptional().filter(v -> !v.isEmpty());
    }

    void set(ServerResponse res, String name, String value, Duration age) {
        res.headers().addCookie(SetCookie.builder(name, value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(SetCookie.SameSite.LAX)
                .maxAge(age)
                .build());
    }
}

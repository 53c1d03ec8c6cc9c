package dev.portcullis.authorize;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ties a pending authorization request to the browser that made it: a random value in an
 * HttpOnly cookie, whose hash is stored with the request. A handle copied into another browser,
 * even a signed-in one, opens nothing there, so nobody can approve someone else's request.
 */
public final class BrowserBinding {
    static final String COOKIE = "portcullis_authz";
    /** Renewed by every authorization request, so it outlives any request pending when it was set. */
    private static final Duration LIFETIME = Duration.ofDays(1);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SessionCookie cookies;
    private final SecureRandom random;

    public BrowserBinding(SessionCookie cookies, SecureRandom random) {
        this.cookies = cookies;
        this.random = random;
    }

    /** This browser's binding, minted when it has none yet (several tabs share one). */
    public SecretHash bind(ServerRequest req, ServerResponse res) {
        String value = read(req).orElseGet(this::mint);
        cookies.set(res, COOKIE, value, LIFETIME);
        return SecretHash.of(value);
    }

    /** The binding the browser presented, if any. */
    public Optional<SecretHash> presented(ServerRequest req) {
        return read(req).map(SecretHash::of);
    }

    private Optional<String> read(ServerRequest req) {
        return cookies.read(req, COOKIE).filter(v -> WELL_FORMED.matcher(v).matches());
    }

    private String mint() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package dev.portcullis.authorize;

import dev.portcullis.secrets.SecretHash;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ties a pending authorization request to the browser that made it: a random value in an
 * HttpOnly cookie, whose hash is stored with the request. A handle copied into another browser,
 * even a signed-in one, opens nothing there, so nobody can approve someone else's request.
 */
final class BrowserBinding {
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final String name;
    private final boolean secure;
    private final SecureRandom random;

    BrowserBinding(URI issuer, SecureRandom random) {
        this.secure = "https".equalsIgnoreCase(issuer.getScheme());
        // A __Host- cookie cannot be set by a sibling subdomain or over plain HTTP (RFC 6265bis §4.1.3.2).
        this.name = secure ? "__Host-portcullis_authz" : "portcullis_authz";
        this.random = random;
    }

    /** This browser's binding, minted and set on {@code res} when it has none yet (several tabs share one). */
    SecretHash bind(ServerRequest req, ServerResponse res) {
        Optional<String> existing = read(req);
        if (existing.isPresent()) return SecretHash.of(existing.get());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        res.headers().addCookie(SetCookie.builder(name, value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(SetCookie.SameSite.LAX)
                .build());
        return SecretHash.of(value);
    }

    /** The binding the browser presented, if any. */
    Optional<SecretHash> presented(ServerRequest req) {
        return read(req).map(SecretHash::of);
    }

    private Optional<String> read(ServerRequest req) {
        return req.headers().cookies().first(name).asOptional().filter(v -> WELL_FORMED.matcher(v).matches());
    }
}

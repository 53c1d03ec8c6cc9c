package dev.portcullis.web;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Cross-site request forgery defence (OWASP CSRF Cheat Sheet). Signed-in forms carry the
 * session's token in a hidden {@code csrf} field. The login and sign-up forms, which have no
 * session yet, use a double-submit cookie: a random pre-session cookie echoed in the form.
 * A missing or wrong token is a 403 and nothing is changed.
 */
public final class Csrf {
    public static final String FIELD = "csrf";
    static final String PRE_SESSION_COOKIE = "portcullis_csrf";
    private static final Duration PRE_SESSION_AGE = Duration.ofHours(2);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecureRandom random;
    private final SessionCookie cookies;

    public Csrf(SecureRandom random, SessionCookie cookies) {
        this.random = random;
        this.cookies = cookies;
    }

    /** For forms of a signed-in user. */
    public static void check(SignedIn viewer, Params form) {
        if (!matches(viewer.csrf(), form.get(FIELD).orElse(""))) throw rejected();
    }

    /** The pre-session token for a login or sign-up form, setting its cookie when there is none yet. */
    public String preSessionToken(ServerRequest req, ServerResponse res) {
        var existing = cookies.read(req, PRE_SESSION_COOKIE).filter(v -> WELL_FORMED.matcher(v).matches());
        if (existing.isPresent()) return existing.get();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        cookies.set(res, PRE_SESSION_COOKIE, token, PRE_SESSION_AGE);
        return token;
    }

    public void checkPreSession(ServerRequest req, Params form) {
        String cookie = cookies.read(req, PRE_SESSION_COOKIE).filter(v -> WELL_FORMED.matcher(v).matches()).orElse("");
        if (cookie.isEmpty() || !matches(cookie, form.get(FIELD).orElse(""))) throw rejected();
    }

    /** Constant-time, so response timing does not reveal how much of a guess was right. */
    public static boolean matches(String expected, String presented) {
        return !expected.isEmpty() && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static OAuthException rejected() {
        return new OAuthException(new OAuthError.AccessDenied(
                "This form has expired or did not come from this site. Go back, reload the page and try again."),
                "csrf token missing or wrong");
    }
}

package dev.portcullis.api.routes;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads the presented credential: {@code Authorization: Bearer <token>} (RFC 6750 §2.1) or HTTP
 * Basic with the token as username and an empty password (RFC 7617), as the documented API
 * accepts. The query string and body are never read (RFC 6750 §2.3 discourages them).
 */
final class ApiAuth {
    private ApiAuth() {}

    static String presented(ServerRequest req) {
        List<String> headers = req.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (headers.isEmpty()) throw invalid("Missing credential: send Authorization: Bearer <token>");
        if (headers.size() > 1) throw invalid("Send exactly one Authorization header");
        String header = headers.getFirst().strip();
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        return switch (scheme) {
            case "bearer" -> nonEmpty(value);
            case "basic" -> basicUsername(value);
            default -> throw invalid("Unsupported authorization scheme: use Bearer or Basic");
        };
    }

    static OAuthException invalid(String description) {
        return new OAuthException(new OAuthError.InvalidToken(description));
    }

    private static String basicUsername(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) throw invalid("Malformed Basic credentials");
        if (colon < decoded.length() - 1) throw invalid("Basic credentials take the token as username and an empty password");
        return nonEmpty(decoded.substring(0, colon));
    }

    private static String nonEmpty(String token) {
        if (token.isEmpty()) throw invalid("Missing token");
        return token;
    }
}

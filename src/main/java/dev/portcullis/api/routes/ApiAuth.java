package dev.portcullis.api.routes;

import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * Reads the presented credential: {@code Authorization: Bearer <token>} (RFC 6750 §2.1),
 * {@code DPoP <token>} (RFC 9449 §7.1; its proof is checked once the token is resolved), or HTTP
 * Basic with the token as username and an empty password (RFC 7617), as the documented API
 * accepts. The query string and body are never read (RFC 6750 §2.3 discourages them).
 */
final class ApiAuth {
    private ApiAuth() {}

    static AuthorizationHeader header(ServerRequest req) {
        return AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of));
    }

    static String presented(AuthorizationHeader header) {
        return switch (header) {
            case AuthorizationHeader.Absent absent -> throw invalid("Missing credential: send Authorization: Bearer <token>");
            case AuthorizationHeader.Several several -> throw invalid("Send exactly one Authorization header");
            case AuthorizationHeader.Bearer bearer -> nonEmpty(bearer.token());
            case AuthorizationHeader.DPoP dpop -> nonEmpty(dpop.token());
            case AuthorizationHeader.Basic basic -> {
                if (!basic.password().isEmpty()) throw invalid("Basic credentials take the token as username and an empty password");
                yield nonEmpty(basic.userId());
            }
            case AuthorizationHeader.MalformedBasic malformed -> throw invalid("Malformed Basic credentials");
            case AuthorizationHeader.OtherScheme other -> throw invalid("Unsupported authorization scheme: use Bearer, DPoP or Basic");
        };
    }

    static OAuthException invalid(String description) {
        return new OAuthException(new OAuthError.InvalidToken(description));
    }

    private static String nonEmpty(String token) {
        if (token.isEmpty()) throw invalid("Missing token");
        return token;
    }
}

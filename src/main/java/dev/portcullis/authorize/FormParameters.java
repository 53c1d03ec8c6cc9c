package dev.portcullis.authorize;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;

/**
 * A posted authorization request's form body as the same {@link Parameters} a query string gives
 * (OIDC Core §3.1.2.1), repeats kept, so one set of checks serves GET and POST: a repeated
 * parameter is then refused where the client and redirect URI are known.
 */
public final class FormParameters {
    private FormParameters() {}

    public static Parameters read(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("A posted authorization request must be application/x-www-form-urlencoded");
        }
        // In a form '+' is a space (WHATWG URL §5.1); a literal plus arrives as %2B.
        String body = Params.text(req).replace("+", "%20");
        try {
            UriQuery query = UriQuery.create(body);
            for (String name : query.names()) query.all(name);  // decode now, so a bad escape fails here
            return query;
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("Malformed form encoding");
        }
    }
}

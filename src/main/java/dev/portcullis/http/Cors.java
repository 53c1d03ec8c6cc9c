package dev.portcullis.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Cross-origin reads for browser clients: single-page apps and MCP clients that discover,
 * register and exchange codes from a page (Fetch standard, CORS protocol). Never with
 * credentials: none of these endpoints reads a cookie, so a page elsewhere gets only what the
 * token or client it presents entitles it to. Pages, /manage and introspection stay
 * same-origin. This table is the one place that says which paths a browser may read.
 */
public final class Cors implements Filter {
    /** Who may read: any page (public documents, bearer-token APIs), or only the client's own pages. */
    enum Reader { ANY_ORIGIN, CLIENT_ORIGIN }

    record Rule(String path, boolean subtree, Reader reader, String methods) {
        boolean matches(String requested) {
            return requested.equals(path) || subtree && requested.startsWith(path + "/");
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("/.well-known", true, Reader.ANY_ORIGIN, "GET"),
            new Rule("/oauth2/jwks", false, Reader.ANY_ORIGIN, "GET"),
            new Rule("/oauth2/userinfo", false, Reader.ANY_ORIGIN, "GET, POST"),
            new Rule("/oauth2/register", true, Reader.ANY_ORIGIN, "GET, POST, PUT, DELETE"),
            new Rule("/v2", true, Reader.ANY_ORIGIN, "GET, POST, PATCH, DELETE"),
            new Rule("/oauth/token", false, Reader.CLIENT_ORIGIN, "POST"),
            new Rule("/oauth2/token", false, Reader.CLIENT_ORIGIN, "POST"),
            new Rule("/oauth/revoke", false, Reader.CLIENT_ORIGIN, "POST"),
            new Rule("/oauth2/revoke", false, Reader.CLIENT_ORIGIN, "POST"));

    /** Response headers a script needs: the Bearer and DPoP challenges and nonce (RFC 6750, RFC 9449 §8), rate-limit wait, the request id. */
    private static final String EXPOSED = "WWW-Authenticate, DPoP-Nonce, Retry-After, X-Request-Id";
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+(\\s*,\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*");
    private static final int PREFLIGHT_CACHE_SECONDS = 600;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        // The path as routed (decoded, dot segments resolved), so the table and the routes agree.
        Optional<Rule> rule = rule(req.path().path());
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (rule.isEmpty()) {
            chain.proceed();
            return;
        }
        if (origin.isPresent() && req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            // A preflight carries no client id, so it is allowed; the response itself decides who reads it.
            preflight(req, res, origin.get(), rule.get());
            return;
        }
        if (rule.get().reader() == Reader.ANY_ORIGIN) {
            // Whether or not this request has an Origin: a shared cache may serve the answer to one that has.
            allow(res, "*");
        } else {
            res.header(HeaderNames.VARY, "Origin");
        }
        chain.proceed();
    }

    /** For a client-origin endpoint, once it knows its client: lets the client's own pages read the answer. */
    public static void allowClient(ServerRequest req, ServerResponse res, Predicate<String> originAllowed) {
        req.headers().first(HeaderNames.ORIGIN).filter(originAllowed).ifPresent(origin -> allow(res, origin));
    }

    static Optional<Rule> rule(String path) {
        return RULES.stream().filter(r -> r.matches(path)).findFirst();
    }

    private static void allow(ServerResponse res, String origin) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    }

    private static void preflight(ServerRequest req, ServerResponse res, String origin, Rule rule) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, rule.reader() == Reader.ANY_ORIGIN ? "*" : origin);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, rule.methods());
        // Any request header may be sent (MCP clients add MCP-Protocol-Version): without cookies it grants nothing.
        req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                .filter(list -> list.length() <= 1000 && HEADER_LIST.matcher(list).matches())
                .ifPresent(list -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, list));
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, Integer.toString(PREFLIGHT_CACHE_SECONDS));
        res.header(HeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        res.status(204);
        res.send();
    }
}

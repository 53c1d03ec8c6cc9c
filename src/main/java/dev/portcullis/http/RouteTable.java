package dev.portcullis.http;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's routes as endpoints declare them, kept so a request no route takes can be
 * answered exactly: 405 with {@code Allow} when the path exists under other methods (RFC 9110
 * §15.5.6), 404 when it does not. Helidon's routing cannot be asked which methods a path has.
 */
public final class RouteTable {
    private record Route(Method method, PathMatcher path) {}

    private final HttpRouting.Builder routing;
    private final List<Route> routes = new ArrayList<>();

    RouteTable(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public RouteTable get(String path, Handler handler) {
        return route(Method.GET, path, handler);
    }

    public RouteTable post(String path, Handler handler) {
        return route(Method.POST, path, handler);
    }

    public RouteTable put(String path, Handler handler) {
        return route(Method.PUT, path, handler);
    }

    public RouteTable patch(String path, Handler handler) {
        return route(Method.PATCH, path, handler);
    }

    public RouteTable delete(String path, Handler handler) {
        return route(Method.DELETE, path, handler);
    }

    /** A GET route answers HEAD too, with the same handler (RFC 9110 §9.3.2); the server leaves out the body. */
    public RouteTable route(Method method, String path, Handler handler) {
        routes.add(new Route(method, PathMatchers.create(path)));
        routing.route(method, path, handler);
        if (method == Method.GET) routing.route(Method.HEAD, path, (req, res) -> handler.handle(req, new HeadResponse(res)));
        return this;
    }

    /** Every method on {@code path}, for a handler that answers what the routes above did not. */
    public RouteTable any(String path, Handler handler) {
        routing.any(path, (req, res) -> handler.handle(req, HeadResponse.of(req, res)));
        return this;
    }

    /** The methods some route takes at this request's path; HEAD goes with GET. */
    Set<String> allowed(ServerRequest req) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.path().match(req.path()).accepted()) methods.add(route.method().text());
        }
        if (methods.contains("GET")) methods.add("HEAD");
        return methods;
    }

    /** The error for a request no route took: the wrong method on a known path, or an unknown path. */
    public OAuthException unmatched(ServerRequest req) {
        Set<String> allowed = allowed(req);
        // No method in the text: a HEAD answer must be as long as the GET one would be (RFC 9110 §8.6).
        if (allowed.isEmpty()) return new OAuthException(new Failure.NotFound("No route for " + req.path().rawPath()));
        return new OAuthException(new Failure.MethodNotAllowed("Method not allowed here; see Allow", List.copyOf(allowed)));
    }
}

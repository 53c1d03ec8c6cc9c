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
import java.util.Optional;
import java.util.Set;

/**
 * The server's routes as endpoints declare them, each with the error style of the {@link Routes}
 * that mounts it. A routed request carries that style to the {@link ErrorHandler}. The table is
 * kept so a request no route takes can be answered exactly: 405 with {@code Allow} when the path
 * exists under other methods (RFC 9110 §15.5.6), 404 when it does not. Helidon's routing cannot be
 * asked which methods a path has.
 */
public final class RouteTable {
    /** One mounted route, as docs/routes.md lists it; no method: every method the routes above did not take. */
    public record Route(Optional<Method> method, String path, ErrorStyle errorStyle, Class<? extends Routes> mountedBy) {}

    private record Entry(Route route, PathMatcher path) {}

    private final HttpRouting.Builder routing;
    private final List<Entry> entries;
    private final Optional<Routes> mounting;

    RouteTable(HttpRouting.Builder routing) {
        this(routing, new ArrayList<>(), Optional.empty());
    }

    private RouteTable(HttpRouting.Builder routing, List<Entry> entries, Optional<Routes> mounting) {
        this.routing = routing;
        this.entries = entries;
        this.mounting = mounting;
    }

    /** Mounts {@code endpoint}: the routes it adds take its error style. */
    void mount(Routes endpoint) {
        endpoint.mount(new RouteTable(routing, entries, Optional.of(endpoint)));
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
        ErrorStyle style = add(Optional.of(method), path);
        routing.route(method, path, styled(style, handler));
        if (method == Method.GET) {
            routing.route(Method.HEAD, path, styled(style, (req, res) -> handler.handle(req, new HeadResponse(res))));
        }
        return this;
    }

    /** Every method on {@code path}, for a handler that answers what the routes above did not. */
    public RouteTable any(String path, Handler handler) {
        ErrorStyle style = add(Optional.empty(), path);
        routing.any(path, styled(style, (req, res) -> handler.handle(req, HeadResponse.of(req, res))));
        return this;
    }

    private ErrorStyle add(Optional<Method> method, String path) {
        Routes endpoint = mounting.orElseThrow(() -> new IllegalStateException("routes are added by a Routes being mounted"));
        entries.add(new Entry(new Route(method, path, endpoint.errorStyle(), endpoint.getClass()), PathMatchers.create(path)));
        return endpoint.errorStyle();
    }

    /** The handler, marking its request with the style its errors take. */
    private static Handler styled(ErrorStyle style, Handler handler) {
        return (req, res) -> {
            req.context().register(style);
            handler.handle(req, res);
        };
    }

    /** The error style of the route that took {@code req}; empty when none did (yet). */
    static Optional<ErrorStyle> declaredStyle(ServerRequest req) {
        return req.context().get(ErrorStyle.class);
    }

    /** Every mounted route, in mounting order. */
    List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /** The methods some route takes at this request's path; HEAD goes with GET. */
    Set<String> allowed(ServerRequest req) {
        Set<String> methods = new LinkedHashSet<>();
        for (Entry entry : entries) {
            entry.route().method().filter(m -> entry.path().match(req.path()).accepted()).ifPresent(m -> methods.add(m.text()));
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

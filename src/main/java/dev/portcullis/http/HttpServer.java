package dev.portcullis.http;

import dev.portcullis.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpRouting;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The embedded Helidon server (virtual threads per request) with our filters and error handler. */
public final class HttpServer implements AutoCloseable {
    static final int MAX_REQUEST_LINE = 8192;
    /** A kept-alive connection with no request for this long is closed, so idle sockets cannot pile up. */
    static final Duration IDLE_CONNECTION = Duration.ofSeconds(60);
    private final WebServer server;
    private final SlowClients slowClients;
    private final List<RouteTable.Route> routes;

    private HttpServer(WebServer server, SlowClients slowClients, List<RouteTable.Route> routes) {
        this.server = server;
        this.slowClients = slowClients;
        this.routes = routes;
    }

    public static HttpServer start(Config.Server config, List<Routes> routes, ErrorHandler errors, SecureRandom random,
                                   RequestMetrics metrics) {
        // Authorization URLs carry state, scopes, PKCE and resource: 8 KiB like nginx, not Helidon's 4 KiB.
        List<RouteTable.Route> mounted = new ArrayList<>();
        SlowClients slowClients = new SlowClients(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE),
                config.headerTimeout(), config.bodyTimeout(), IDLE_CONNECTION);
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(BodyLimit.hardLimit(config.maxRequestBytes()))
                // HTTP/1.1 only, through SlowClients: the one connection kind, so every read passes its time-outs.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(slowClients)
                .idleConnectionTimeout(IDLE_CONNECTION)
                .directHandlers(DirectErrors.handlers(metrics, config.https()))
                .shutdownHook(false)
                .routing(r -> mounted.addAll(routing(r, config, routes, errors, random, metrics)))
                .build()
                .start();
        // Helidon logs a listener that could not bind and carries on without it (port -1): a
        // server that cannot listen must not look started, so the process exits instead.
        if (!server.isRunning() || server.port() < 0) {
            server.stop();
            slowClients.close();
            throw new IllegalStateException("could not listen on " + config.host() + ":" + config.port() + " (is the port in use?)");
        }
        return new HttpServer(server, slowClients, List.copyOf(mounted));
    }

    private static List<RouteTable.Route> routing(HttpRouting.Builder r, Config.Server config, List<Routes> routes,
                                                  ErrorHandler errors, SecureRandom random, RequestMetrics metrics) {
        r.addFilter(new ConnectionClose());
        r.addFilter(new RequestLog(random, metrics, errors));
        r.addFilter(new SecurityHeaders(config.https()));
        r.addFilter(new Cors());
        r.addFilter(new BodyLimit(config.maxRequestBytes()));
        // Errors thrown by a route are rendered here, inside the filters; those thrown by a filter, in RequestLog.
        r.error(Throwable.class, (req, res, thrown) -> errors.handle(req, HeadResponse.of(req, res), thrown));
        RouteTable table = new RouteTable(r);
        routes.forEach(table::mount);
        // No route took it: its errors take the unrouted style (ErrorStyle.unrouted).
        r.any((req, res) -> {
            throw table.unmatched(req);
        });
        return table.routes();
    }

    /** Every mounted route with its error style (docs/routes.md). */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        slowClients.close();
    }
}

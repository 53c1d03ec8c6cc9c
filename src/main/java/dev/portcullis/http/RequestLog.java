package dev.portcullis.http;

import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: id, method, path, status, duration. Only the path is logged, never
 * the query string or headers, because those carry codes, tokens and credentials. Errors a filter
 * throws are rendered here (a route's by the routing's error handler, within {@code proceed}),
 * so the line and the metrics record the status that was sent.
 */
final class RequestLog implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger("portcullis.http");
    /** nginx's code for a request the client abandoned before the answer. */
    private static final int CLIENT_CLOSED = 499;
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private final SecureRandom random;
    private final RequestMetrics metrics;
    private final ErrorHandler errors;

    RequestLog(SecureRandom random, RequestMetrics metrics, ErrorHandler errors) {
        this.random = random;
        this.metrics = metrics;
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        byte[] id = new byte[8];
        random.nextBytes(id);
        String requestId = HexFormat.of().formatHex(id);
        res.header("X-Request-Id", requestId);
        boolean aborted = false;
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            // The client went away mid-request: nothing can be answered, and the server must close.
            aborted = true;
            throw e;
        } catch (RuntimeException e) {
            errors.handle(req, HeadResponse.of(req, res), e);
        } finally {
            long nanos = System.nanoTime() - start;
            int status = aborted ? CLIENT_CLOSED : res.status().code();
            String method = knownMethod(req.prologue().method().text());
            metrics.request(method, req.matchingPattern().orElse("unmatched"), status, java.time.Duration.ofNanos(nanos));
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} {} {} {}ms", requestId, method, req.path().rawPath(), status,
                        String.format("%.1f", nanos / 1_000_000.0));
            }
        }
    }

    /** A method name is the client's to choose; as a metrics label it must come from a closed set. */
    static String knownMethod(String method) {
        return KNOWN_METHODS.contains(method) ? method : "other";
    }
}

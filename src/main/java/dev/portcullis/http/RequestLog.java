package dev.portcullis.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import dev.portcullis.error.ErrorHandler;
import dev.portcullis.ops.Metrics;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: id, method, path, status, duration. Only the path is logged, never
 * the query string or headers, because those carry codes, tokens and credentials. Errors are
 * rendered here, inside the timing, so the line and the metrics record the status sent.
 */
final class RequestLog implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger("portcullis.http");
    private final SecureRandom random;
    private final Metrics metrics;
    private final ErrorHandler errors;

    RequestLog(SecureRandom random, Metrics metrics, ErrorHandler errors) {
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
        try {
            chain.proceed();
        } catch (RuntimeException e) {
            errors.handle(req, res, e);
        } finally {
            long nanos = System.nanoTime() - start;
            long micros = nanos / 1000;
            metrics.request(req.prologue().method().text(), req.matchingPattern().orElse("unmatched"), res.status().code(),
                    java.time.Duration.ofNanos(nanos));
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} {} {} {}ms", requestId, req.prologue().method().text(), req.path().rawPath(),
                        res.status().code(), String.format("%.1f", micros / 1000.0));
            }
        }
    }
}

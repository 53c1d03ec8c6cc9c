package dev.portcullis.http;

import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.Problem;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests Helidon refuses before any route or filter sees them (a malformed request line or
 * query encoding, headers over the limit, a body over the hard limit, another HTTP version):
 * answered in the contract's error format with the security headers, not with an empty body.
 * The connection closes, since where the next request starts is unknown. RequestLog never sees
 * these, so they are logged and counted here, with the route "unrouted".
 */
final class DirectErrors implements DirectHandler {
    private static final Logger LOG = LoggerFactory.getLogger("portcullis.http");
    private final RequestMetrics metrics;
    private final Map<String, String> securityHeaders;

    private DirectErrors(RequestMetrics metrics, boolean https) {
        this.metrics = metrics;
        this.securityHeaders = SecurityHeaders.headers(https);
    }

    static DirectHandlers handlers(RequestMetrics metrics, boolean https) {
        DirectErrors errors = new DirectErrors(metrics, https);
        return DirectHandlers.builder()
                .addHandler(EventType.BAD_REQUEST, errors)
                .addHandler(EventType.PAYLOAD_TOO_LARGE, errors)
                .addHandler(EventType.HTTP_VERSION_NOT_SUPPORTED, errors)
                .addHandler(EventType.OTHER, errors)
                .build();
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType type, Status status, ServerResponseHeaders headers,
                                    String message) {
        if (status.code() >= 500 && status != Status.HTTP_VERSION_NOT_SUPPORTED_505) {
            return DirectHandler.defaultHandler().handle(req, type, status, headers, message);
        }
        String method = RequestLog.knownMethod(req.method() == null ? "" : req.method());
        metrics.request(method, "unrouted", status.code(), Duration.ZERO);
        // Debug, not info: anyone can send these without credentials, and the counter above is kept.
        LOG.debug("- {} (refused before routing) {}", method, status.code());
        Problem error = status.code() == 413 ? new Failure.PayloadTooLarge("Request body is too large")
                : new OAuthError.InvalidRequest(describe(status));
        ErrorCodes codes = ErrorCodes.of(error);
        ErrorCodes sent = new ErrorCodes(status.code(), codes.error(), codes.type(), codes.code());
        String path = req.path() == null ? "" : req.path().replaceAll("[?#].*", "");
        TransportResponse.Builder res = TransportResponse.builder().status(status).headers(headers).keepAlive(false);
        securityHeaders.forEach((name, value) -> res.header(HeaderNames.create(name), value));
        byte[] body = ErrorHandler.unroutedJson(path, sent, error);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        if ("HEAD".equals(req.method())) {
            return res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length)).build();
        }
        return res.entity(body).build();
    }

    private static String describe(Status status) {
        return switch (status.code()) {
            case 414 -> "The request line is too long";
            case 431 -> "The request headers are too large";
            case 505 -> "Only HTTP/1.1 is supported";
            default -> "Malformed request";
        };
    }
}

package dev.portcullis.http;

import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.error.Problem;
import dev.portcullis.storage.DatabaseException;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an error becomes a response. Expected errors are logged at debug without a
 * stack; anything unexpected becomes a {@link OAuthError.ServerError} whose incident id is the
 * only thing the client sees, while the log gets the id and the stack.
 */
public final class ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
    private final SecureRandom random;
    private final String resourceMetadata;
    private final ErrorPage errorPage;

    public ErrorHandler(SecureRandom random, URI issuer, ErrorPage errorPage) {
        this.random = random;
        this.errorPage = errorPage;
        this.resourceMetadata = issuer + "/.well-known/oauth-protected-resource";
    }

    public void handle(ServerRequest req, ServerResponse res, Throwable thrown) {
        Problem error = classify(req, thrown);
        if (res.isSent()) return;
        render(req, res, thrown, error);
    }

    private Problem classify(ServerRequest req, Throwable thrown) {
        return switch (thrown) {
            case OAuthException e -> {
                e.detail().ifPresent(d -> LOG.debug("{} {}: {}", req.path().rawPath(), e.getMessage(), d));
                yield e.error();
            }
            case HttpException e when e.status().code() == 413 -> new Failure.PayloadTooLarge("Request body is too large");
            case HttpException e when e.status().code() == 404 -> new Failure.NotFound("Not found");
            case HttpException e when e.status().code() >= 400 && e.status().code() < 500 ->
                    new OAuthError.InvalidRequest("Malformed request");
            case DataReader.InsufficientDataAvailableException e -> {
                LOG.debug("{} {}: the client closed before its body ended", req.prologue().method().text(), req.path().rawPath());
                yield new OAuthError.InvalidRequest("The request body ended early");
            }
            case Throwable t when DatabaseException.isUnavailable(t) -> {
                String incident = incidentId();
                // An outage, not a bug: one line without the stack, however many requests it fails.
                LOG.warn("incident {} on {} {}: database unavailable: {}", incident, req.prologue().method().text(),
                        req.path().rawPath(), rootMessage(t));
                yield new OAuthError.TemporarilyUnavailable(incident);
            }
            default -> {
                String incident = incidentId();
                LOG.error("incident {} on {} {}", incident, req.prologue().method().text(), req.path().rawPath(), thrown);
                yield new OAuthError.ServerError(incident);
            }
        };
    }

    private void render(ServerRequest req, ServerResponse res, Throwable thrown, Problem error) {
        if (thrown instanceof RedirectedError e) {
            ErrorCodes codes = ErrorCodes.of(error);
            AuthorizationResponses.send(res, 302, e.redirect().withError(codes.error(), error.description()));
            return;
        }
        render(req, res, error);
    }

    public void render(ServerRequest req, ServerResponse res, Problem error) {
        ErrorCodes codes = ErrorCodes.of(error);
        ErrorFormat format = ErrorFormat.forPath(req.path().path());
        addChallenge(res, error);
        if (format == ErrorFormat.PAGE) {
            errorPage.render(res, codes.status(), codes.error(), error.description());
            return;
        }
        Json.send(res, codes.status(), body(format, codes, error));
    }

    /** The JSON error object: the API fields, and in the OAuth format RFC 6749 §5.2's too. */
    public static Map<String, Object> body(ErrorFormat format, ErrorCodes codes, Problem error) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (format == ErrorFormat.OAUTH) {
            body.put("error", codes.error());
            body.put("error_description", error.description());
        }
        body.put("status_code", codes.status());
        body.put("type", codes.type());
        body.put("code", codes.code());
        body.put("message", error.description());
        if (error instanceof Failure.Validation v) body.put("field", v.field());
        return body;
    }

    /** RFC 6750 §3 and RFC 9728 §5.1 challenges; Basic for a failed client_secret_basic (RFC 6749 §5.2); Allow, Retry-After. */
    private void addChallenge(ServerResponse res, Problem error) {
        switch (error) {
            case OAuthError.InvalidClient c when c.basicUsed() -> res.header("WWW-Authenticate", "Basic realm=\"portcullis\"");
            case OAuthError.InvalidToken t -> res.header("WWW-Authenticate", "Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\""
                    + quoted(t.description()) + "\", resource_metadata=\"" + resourceMetadata + "\"");
            case OAuthError.InsufficientScope s -> res.header("WWW-Authenticate", "Bearer realm=\"portcullis\", error=\"insufficient_scope\", scope=\""
                    + String.join(" ", s.missing()) + "\", resource_metadata=\"" + resourceMetadata + "\"");
            case Failure.RateLimited r -> res.header("Retry-After", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
            case Failure.MethodNotAllowed m -> res.header("Allow", String.join(", ", m.allowed()));
            // Again here: Helidon resets the response before its error handler renders a route's error.
            case Failure.MalformedBody x -> res.header("Connection", "close");
            case OAuthError.TemporarilyUnavailable x -> res.header("Retry-After", Long.toString(OAuthError.TemporarilyUnavailable.RETRY_AFTER.toSeconds()));
            default -> { }
        }
    }

    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String quoted(String text) {
        return text.replace("\\", "").replace("\"", "'");
    }

    private String incidentId() {
        byte[] id = new byte[6];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}

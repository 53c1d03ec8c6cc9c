package dev.portcullis.http;

import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.error.Problem;
import dev.portcullis.oauth.DPoPAlgorithms;
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
 * The one place an error becomes a response, in the error style its route declared
 * ({@link Routes#errorStyle()}; {@link ErrorStyle#unrouted} for a request no route took).
 * Expected errors are logged at debug without a stack; anything unexpected becomes a
 * {@link OAuthError.ServerError} whose incident id is the only thing the client sees, while the
 * log gets the id and the stack.
 */
public final class ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
    private final SecureRandom random;
    private final String resourceMetadata;
    private final ErrorPages pages;

    public ErrorHandler(SecureRandom random, URI issuer, ErrorPages pages) {
        this.random = random;
        this.pages = pages;
        this.resourceMetadata = issuer + "/.well-known/oauth-protected-resource";
    }

    void handle(ServerRequest req, ServerResponse res, Throwable thrown) {
        Problem error = classify(req, thrown);
        if (res.isSent()) return;
        // Only the authorization endpoint redirects; the PAR endpoint runs the same checks and answers JSON (RFC 9126 §2.3).
        if (thrown instanceof RedirectedError redirected && styleOf(req, thrown) == ErrorStyle.AUTHORIZATION_PAGE) {
            String code = ErrorCodes.of(error).error();
            AuthorizationResponses.send(res, 302, redirected.redirect().withError(code, error.description()));
            return;
        }
        render(res, styleOf(req, thrown), error);
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

    /**
     * The style of the route that took the request. A page shows the refusals its handler raises;
     * an incident or a malformed request on a page route is answered as an unrouted request is,
     * as it was before pages came through here (docs/routes.md, "Errors").
     */
    private static ErrorStyle styleOf(ServerRequest req, Throwable thrown) {
        ErrorStyle unrouted = ErrorStyle.unrouted(req.path().path());
        ErrorStyle declared = RouteTable.declaredStyle(req).orElse(unrouted);
        return declared == ErrorStyle.PAGE && !(thrown instanceof OAuthException) ? unrouted : declared;
    }

    private void render(ServerResponse res, ErrorStyle style, Problem error) {
        ErrorCodes codes = ErrorCodes.of(error);
        addHeaders(res, error);
        switch (style) {
            case PAGE -> pages.error(res, codes.status(), error.description());
            case AUTHORIZATION_PAGE -> pages.oauthError(res, codes.status(), codes.error(), error.description());
            case OAUTH_JSON, API_JSON -> Json.send(res, codes.status(), body(style, codes, error));
        }
    }

    /** For a request the server refused before routing (DirectErrors): JSON, as no page can be rendered there. */
    static byte[] unroutedJson(String path, ErrorCodes codes, Problem error) {
        ErrorStyle style = ErrorStyle.unrouted(path) == ErrorStyle.OAUTH_JSON ? ErrorStyle.OAUTH_JSON : ErrorStyle.API_JSON;
        return Json.bytes(body(style, codes, error));
    }

    /** The JSON error object: the API fields, and in the OAuth style RFC 6749 §5.2's too. */
    private static Map<String, Object> body(ErrorStyle style, ErrorCodes codes, Problem error) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (style == ErrorStyle.OAUTH_JSON) {
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

    /**
     * RFC 6750 §3 and RFC 9728 §5.1 challenges; Basic for a failed client_secret_basic (RFC 6749
     * §5.2); Allow, Retry-After. In every style: no page route raises a challenge.
     */
    private void addHeaders(ServerResponse res, Problem error) {
        switch (error) {
            case OAuthError.InvalidClient c when c.basicUsed() -> res.header("WWW-Authenticate", "Basic realm=\"portcullis\"");
            case OAuthError.InvalidToken t -> res.header("WWW-Authenticate", "Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\""
                    + quoted(t.description()) + "\", resource_metadata=\"" + resourceMetadata + "\"");
            case OAuthError.InsufficientScope s -> res.header("WWW-Authenticate", "Bearer realm=\"portcullis\", error=\"insufficient_scope\", scope=\""
                    + String.join(" ", s.missing()) + "\", resource_metadata=\"" + resourceMetadata + "\"");
            case OAuthError.InvalidDpopProof p when p.atResource() -> dpopChallenge(res, "invalid_dpop_proof", p.description());
            case OAuthError.UseDpopNonce n -> {
                res.header("DPoP-Nonce", n.nonce());
                if (n.atResource()) dpopChallenge(res, "use_dpop_nonce", n.description());
            }
            case OAuthError.InvalidDpopToken t -> dpopChallenge(res, "invalid_token", t.description());
            case Failure.BearerRequired b -> res.header("WWW-Authenticate", "Bearer realm=\"" + b.realm() + "\"");
            case Failure.RateLimited r -> res.header("Retry-After", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
            case Failure.MethodNotAllowed m -> res.header("Allow", String.join(", ", m.allowed()));
            // Again here: Helidon resets the response before its error handler renders a route's error.
            case Failure.MalformedBody x -> res.header("Connection", "close");
            case OAuthError.TemporarilyUnavailable x -> res.header("Retry-After", Long.toString(OAuthError.TemporarilyUnavailable.RETRY_AFTER.toSeconds()));
            default -> { }
        }
    }

    /** RFC 9449 §7.1: the DPoP scheme's challenge, naming the proof algorithms accepted. */
    private static void dpopChallenge(ServerResponse res, String error, String description) {
        res.header("WWW-Authenticate", "DPoP algs=\"" + String.join(" ", DPoPAlgorithms.NAMES) + "\", error=\"" + error
                + "\", error_description=\"" + quoted(description) + "\"");
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

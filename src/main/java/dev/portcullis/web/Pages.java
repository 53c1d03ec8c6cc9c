package dev.portcullis.web;

import dev.portcullis.error.ErrorCodes;
import dev.portcullis.error.Failure;
import dev.portcullis.error.Problem;
import dev.portcullis.error.OAuthException;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the jte templates (precompiled into the jar by jte-maven-plugin) inside the shared
 * layout, and turns page errors into HTML pages. Each template takes a {@link Layout} named
 * {@code layout} plus its own parameters.
 */
public final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} (e.g. {@code "login.jte"}) with its parameters as a complete HTML response. */
    public void render(ServerResponse res, int status, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** 303 See Other: after a POST, the browser follows with a GET (RFC 9110 §15.4.4). */
    public static void redirect(ServerResponse res, String location) {
        res.status(303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    /**
     * Wraps a page handler: a {@link LoginRequired} becomes a redirect to the login page, and an
     * {@link OAuthException} an HTML error page with its status. Anything else still reaches the
     * server's error handler (an incident id, never a stack trace).
     */
    public Handler page(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (LoginRequired e) {
                redirect(res, "/login?return_to=" + URLEncoder.encode(e.returnTo(), StandardCharsets.UTF_8));
            } catch (OAuthException e) {
                e.detail().ifPresent(d -> LOG.debug("{} {}: {}", req.path().rawPath(), e.getMessage(), d));
                error(res, e.error());
            }
        };
    }

    public void error(ServerResponse res, Problem error) {
        int status = ErrorCodes.of(error).status();
        if (error instanceof Failure.RateLimited limited) {
            res.header("Retry-After", Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
        }
        render(res, status, "error.jte", Map.of(
                "layout", Layout.anonymous(heading(status)),
                "status", status,
                "message", error.description()));
    }

    /** The authorization endpoint's error page; {@code [data-testid=oauth-error]} carries the code (page contract). */
    public void oauthError(ServerResponse res, int status, String errorCode, String description) {
        render(res, status, "oauthError.jte", Map.of(
                "layout", Layout.anonymous("This app cannot connect"),
                "error", errorCode,
                "message", description));
    }

    private static String heading(int status) {
        return switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "That cannot be done";
            case 429 -> "Too many attempts";
            case 500 -> "Something went wrong";
            default -> "Something is wrong with this request";
        };
    }
}

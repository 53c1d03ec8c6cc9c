package dev.portcullis.web;

import dev.portcullis.http.ErrorPages;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders the jte templates (precompiled into the jar by jte-maven-plugin) inside the shared
 * layout, and the error pages the server's error handler shows. Each template takes a
 * {@link Layout} named {@code layout} plus its own parameters.
 */
public final class Pages implements ErrorPages {
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
     * Wraps a page handler: a {@link LoginRequired} becomes a redirect to the login page, a
     * {@link SecondFactorRequired} one to enrolment. Errors go on to the server's error handler,
     * which shows them on {@link #error} (the routes' style is {@code ErrorStyle.PAGE}).
     */
    public Handler page(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (LoginRequired e) {
                redirect(res, "/login?return_to=" + URLEncoder.encode(e.returnTo(), StandardCharsets.UTF_8));
            } catch (SecondFactorRequired e) {
                redirect(res, e.location());
            }
        };
    }

    @Override
    public void error(ServerResponse res, int status, String description) {
        render(res, status, "error.jte", Map.of(
                "layout", Layout.anonymous(heading(status)),
                "status", status,
                "message", description));
    }

    @Override
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

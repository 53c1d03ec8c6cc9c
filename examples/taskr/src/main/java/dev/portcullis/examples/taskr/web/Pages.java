package dev.portcullis.examples.taskr.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders the jte templates, precompiled at build time. jte's Html content type escapes every
 * {@code ${...}} for its HTML context, so data from Portcullis cannot become markup.
 */
public final class Pages {
    private static final Logger LOG = Logger.getLogger(Pages.class.getName());
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Sends {@code template} with its one model object. */
    public void send(ServerResponse res, int status, String template, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        res.status(Status.create(status));
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8"));
        res.send(out.toString());
    }

    /** 303 so that the browser follows a form post with a GET (post/redirect/get). */
    public static void seeOther(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    public void error(ServerRequest req, ServerResponse res, WebException e) {
        send(res, e.status(), "error.jte", new ErrorView(e.status(), e.getMessage()));
    }

    /** Anything unexpected: the log gets an incident id and the stack, the page only the id. */
    public void unexpected(ServerRequest req, ServerResponse res, Throwable t) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " on " + req.path().path(), t);
        send(res, 500, "error.jte", new ErrorView(500, "Something went wrong on our side (incident " + incident + ")."));
    }

    public record ErrorView(int status, String message) {}
}

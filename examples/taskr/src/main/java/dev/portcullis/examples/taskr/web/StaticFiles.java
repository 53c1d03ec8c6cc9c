package dev.portcullis.examples.taskr.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The one stylesheet, from the classpath (CSP allows only same-origin styles). */
public final class StaticFiles implements HttpService {
    private final byte[] css;

    public StaticFiles() {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/static/taskr.css")) {
            this.css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/static/taskr.css", this::css);
    }

    private void css(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/css; charset=utf-8"));
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        res.send(css);
    }
}

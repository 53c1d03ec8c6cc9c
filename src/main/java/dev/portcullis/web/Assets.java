package dev.portcullis.web;

import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The stylesheet, the scripts (sign-in, the copy button of one-time secrets) and the icons, served by
 * the server itself: no CDN, since the CSP allows only 'self'.
 */
public final class Assets implements Routes {
    private final byte[] css = load("/assets/portcullis.css");

    @Override
    public void mount(RouteTable routing) {
        routing.get("/assets/portcullis.css", (req, res) -> send(res, "text/css; charset=utf-8", css));
        serve(routing, "/assets/copy.js", "/assets/copy.js", "text/javascript; charset=utf-8");
        serve(routing, "/assets/signin.js", "/assets/signin.js", "text/javascript; charset=utf-8");
        serve(routing, "/assets/passkeys.js", "/assets/passkeys.js", "text/javascript; charset=utf-8");
        serve(routing, "/assets/icon.svg", "/assets/icon.svg", "image/svg+xml");
        // Browsers ask for /favicon.ico on their own, whatever the page links.
        serve(routing, "/favicon.ico", "/assets/favicon.ico", "image/x-icon");
    }

    private static void serve(RouteTable routing, String path, String resource, String contentType) {
        byte[] body = load(resource);
        routing.get(path, (req, res) -> send(res, contentType, body));
    }

    /** Public and identical for everyone: the only responses allowed into shared caches. */
    private static void send(io.helidon.webserver.http.ServerResponse res, String contentType, byte[] body) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        res.headers().remove(HeaderNames.PRAGMA);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.PAGE;
    }

    private static byte[] load(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.portcullis.web;

import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one stylesheet and the one script (the copy button of one-time secrets), served by the server
 * itself: no CDN, since the CSP allows only style-src and script-src 'self'.
 */
public final class Assets implements Routes {
    private final byte[] css = load("/assets/portcullis.css");
    private final byte[] copyJs = load("/assets/copy.js");

    @Override
    public void mount(RouteTable routing) {
        routing.get("/assets/portcullis.css", (req, res) -> {
            // Public and identical for everyone: the one response allowed into shared caches.
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
            res.headers().remove(HeaderNames.PRAGMA);
            res.header(HeaderNames.CONTENT_TYPE, "text/css; charset=utf-8");
            res.send(css);
        });
        routing.get("/assets/copy.js", (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
            res.headers().remove(HeaderNames.PRAGMA);
            res.header(HeaderNames.CONTENT_TYPE, "text/javascript; charset=utf-8");
            res.send(copyJs);
        });
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

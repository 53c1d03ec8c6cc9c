package dev.portcullis.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * RFC 9449 §4.3 item 9: {@code htu} names the endpoint without query and fragment, compared after
 * RFC 3986 §6.2.2 and §6.2.3 normalisation (case of scheme and host, default port, dot segments).
 */
final class DPoPUris {
    private DPoPUris() {}

    static boolean sameEndpoint(String htu, String expected) {
        if (htu == null) return false;
        try {
            return normal(new URI(htu)).equals(normal(new URI(expected)));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normal(URI uri) throws URISyntaxException {
        if (!uri.isAbsolute() || uri.getHost() == null) throw new URISyntaxException(uri.toString(), "not an absolute URL");
        URI n = uri.normalize();
        String scheme = n.getScheme().toLowerCase(Locale.ROOT);
        int port = n.getPort() != -1 ? n.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        String path = n.getRawPath() == null || n.getRawPath().isEmpty() ? "/" : n.getRawPath();
        return scheme + "://" + n.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }
}

package dev.portcullis.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers every response carries. Nothing is cacheable by default, since most answers hold a
 * secret or a user's data; a handler serving a public asset overrides Cache-Control.
 */
final class SecurityHeaders implements Filter {
    static final Map<String, String> HEADERS = headers();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HEADERS.forEach(res::header);
        chain.proceed();
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("Pragma", "no-cache");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'");
        return Collections.unmodifiableMap(h);
    }
}

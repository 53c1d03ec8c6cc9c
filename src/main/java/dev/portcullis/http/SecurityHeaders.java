package dev.portcullis.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers every response carries. Nothing is cacheable by default, since most answers hold a
 * secret or a user's data; a handler serving a public asset overrides Cache-Control.
 */
final class SecurityHeaders implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("Cache-Control", "no-store");
        res.header("Pragma", "no-cache");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        res.header("X-Frame-Options", "DENY");
        res.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'");
        chain.proceed();
    }
}

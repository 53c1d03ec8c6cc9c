package dev.portcullis.examples.taskr.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;

/**
 * Headers on every page. Pages hold a user's tasks, so nothing is cached; no Referer leaves the
 * app (the callback URL carries a code). form-action names Portcullis because browsers apply it
 * to the redirect that follows the Connect form.
 */
public final class SecurityHeaders implements Filter {
    private final String csp;

    public SecurityHeaders(URI portcullisUrl) {
        String portcullis = portcullisUrl.getScheme() + "://" + portcullisUrl.getRawAuthority();
        this.csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' " + portcullis
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("Cache-Control", "no-store");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        res.header("X-Frame-Options", "DENY");
        res.header("Content-Security-Policy", csp);
        chain.proceed();
    }
}

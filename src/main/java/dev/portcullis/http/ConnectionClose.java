package dev.portcullis.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;

/**
 * Closes the connection after the answer when the client sent {@code Connection: close} (RFC 9112
 * §9.6). Helidon 4.5.0 sends {@code Connection: close} back but keeps the socket open
 * (helidon-io/helidon#12324, fixed after 4.5.3, which Maven Central does not offer here), so a
 * client waiting for the end of the stream hangs and idle sockets pile up. Remove with that upgrade.
 */
final class ConnectionClose implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        boolean close = req.headers().first(HeaderNames.CONNECTION)
                .map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
        if (close && res.isSent()) throw new CloseConnectionException("the client asked to close");
    }
}

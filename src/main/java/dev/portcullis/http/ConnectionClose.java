package dev.portcullis.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;

/**
 * Closes the connection after an answer that says {@code Connection: close} (RFC 9112 §9.6):
 * because the client asked, or because the server refused a body it did not read to the end.
 * Helidon 4.5.0 sends the header but keeps the socket open (helidon-io/helidon#12324, fixed after
 * 4.5.3, which Maven Central does not offer here). A client waiting for the end of the stream
 * hangs, and after a refused chunked body the unread rest would be parsed as the next request
 * (request smuggling behind a proxy that reuses connections). Remove with that upgrade.
 */
final class ConnectionClose implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        boolean asked = req.headers().first(HeaderNames.CONNECTION)
                .map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
        boolean answered = res.headers().contains(HeaderValues.CONNECTION_CLOSE);
        if ((asked || answered) && res.isSent()) throw new CloseConnectionException("the answer closes the connection");
    }
}

package dev.portcullis.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.FilterOutputStream;
import java.io.OutputStream;

/** HEAD runs the GET handler (RFC 9110 §9.3.2); the body it writes never leaves the server. */
final class HeadResponses implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.prologue().method() == Method.HEAD) res.streamFilter(Discarding::new);
        chain.proceed();
    }

    private static final class Discarding extends FilterOutputStream {
        Discarding(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            // a HEAD response has headers only
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // a HEAD response has headers only
        }
    }
}

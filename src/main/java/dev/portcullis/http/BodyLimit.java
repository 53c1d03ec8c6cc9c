package dev.portcullis.http;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The request body limit, answered with a 413 the client can read. Refusing a body and closing
 * the connection at once leaves unread bytes in the socket, so the kernel answers with a reset
 * that can destroy the 413 before the client reads it; like Tomcat's maxSwallowSize we read and
 * discard up to {@link #SWALLOW_BYTES} past the limit first. Bodies larger still are cut off
 * by the server itself (its hard limit): it answers 413 with {@code Connection: close} and
 * {@link ConnectionClose} closes the socket, so the unread rest is never taken for a request.
 */
final class BodyLimit implements Filter {
    static final long SWALLOW_BYTES = 2L << 20;

    private final long limit;

    BodyLimit(long limit) {
        this.limit = limit;
    }

    /** The server's own limit, past which it closes the connection without reading. */
    static long hardLimit(long limit) {
        return limit + SWALLOW_BYTES;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.headers().contentLength().orElse(0) > limit) {
            req.content().consume();
            throw tooLarge();
        }
        // Chunked bodies declare no length: count as the handler reads.
        req.streamFilter(in -> new Counted(in, limit, res));
        chain.proceed();
    }

    private static OAuthException tooLarge() {
        return new OAuthException(new Failure.PayloadTooLarge("Request body is too large"));
    }

    private static final class Counted extends FilterInputStream {
        private final RoutingResponse res;
        private long left;

        Counted(InputStream in, long limit, RoutingResponse res) {
            super(in);
            this.left = limit;
            this.res = res;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (RuntimeException e) {
                throw malformed(e);
            }
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(buf, off, len);
            } catch (RuntimeException e) {
                throw malformed(e);
            }
            if (n > 0) count(n);
            return n;
        }

        /**
         * Helidon's chunked decoder throws unchecked exceptions for a bad chunk size; that is the
         * client's malformed body (400, connection closed), not our fault. Its own refusals (the hard
         * limit) and a client that went away pass through as they are. The close is asked for here,
         * on the response every renderer (pages included) writes to.
         */
        private RuntimeException malformed(RuntimeException e) {
            if (e instanceof RequestException || e instanceof OAuthException || e instanceof CloseConnectionException
                    || e instanceof DataReader.InsufficientDataAvailableException) {
                return e;
            }
            res.header(HeaderValues.CONNECTION_CLOSE);
            return new OAuthException(new Failure.MalformedBody("The request body is malformed"));
        }

        private void count(int n) throws IOException {
            left -= n;
            if (left >= 0) return;
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (RuntimeException e) {
                throw malformed(e);
            }
            throw tooLarge();
        }
    }
}

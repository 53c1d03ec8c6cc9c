package dev.portcullis.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The answer to a HEAD request (RFC 9110 §9.3.2): what the GET handler, or the error handler,
 * would send, with the same Content-Length (§8.6), and no body. Helidon has no HEAD of its own,
 * and a body sent after HEAD would be read as the start of the next response.
 */
final class HeadResponse implements ServerResponse {
    private final ServerResponse res;

    HeadResponse(ServerResponse res) {
        this.res = res;
    }

    /** {@code res} as the request's method needs it: without a body for HEAD. */
    static ServerResponse of(ServerRequest req, ServerResponse res) {
        return req.prologue().method() == Method.HEAD ? new HeadResponse(res) : res;
    }

    @Override
    public void send(byte[] body) {
        send(body, 0, body.length);
    }

    @Override
    public void send(byte[] body, int offset, int length) {
        res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(length));
        res.send();
    }

    @Override
    public void send(Object entity) {
        switch (entity) {
            case byte[] bytes -> send(bytes);
            case String text -> send(text.getBytes(StandardCharsets.UTF_8));
            default -> res.send();
        }
    }

    @Override
    public void send() {
        res.send();
    }

    /** A streamed body's length is unknown until it is written, so here it is left out. */
    @Override
    public OutputStream outputStream() {
        res.streamFilter(out -> new FilterOutputStream(out) {
            @Override
            public void write(int b) {
                // headers only
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // headers only
            }
        });
        return res.outputStream();
    }

    @Override
    public ServerResponse status(Status status) {
        res.status(status);
        return this;
    }

    @Override
    public Status status() {
        return res.status();
    }

    @Override
    public ServerResponse header(Header header) {
        res.header(header);
        return this;
    }

    @Override
    public boolean isSent() {
        return res.isSent();
    }

    @Override
    public long bytesWritten() {
        return res.bytesWritten();
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        res.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String path) {
        res.reroute(path);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        res.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        res.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return res.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return res.trailers();
    }

    @Override
    public void streamResult(String result) {
        res.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filter) {
        res.streamFilter(filter);
    }
}

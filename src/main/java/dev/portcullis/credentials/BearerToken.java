package dev.portcullis.credentials;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/** The token of a single {@code Authorization: Bearer} header (RFC 6750 §2.1), if that is what was sent. */
public final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private BearerToken() {}

    public static Optional<String> of(ServerRequest req) {
        List<String> headers = req.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (headers.size() != 1) return Optional.empty();
        String header = headers.getFirst().strip();
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) return Optional.empty();
        return Optional.of(header.substring(SCHEME.length()).strip()).filter(t -> !t.isEmpty());
    }
}

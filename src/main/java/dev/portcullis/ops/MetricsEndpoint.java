package dev.portcullis.ops;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics} in the Prometheus text format. With a token configured, only a scraper
 * presenting it as a Bearer token (RFC 6750 §2.1) gets them, as Prometheus' {@code authorization}
 * setting sends it; without one, expose it only on a network Prometheus reaches.
 */
public final class MetricsEndpoint implements Routes {
    private static final String BEARER = "Bearer ";
    private static final String REALM = "metrics";
    private final Metrics metrics;
    private final Optional<byte[]> tokenHash;

    public MetricsEndpoint(Metrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.tokenHash = token.map(MetricsEndpoint::sha256);
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/metrics", (req, res) -> {
            if (tokenHash.isPresent() && !authorized(req)) {
                throw new OAuthException(new Failure.BearerRequired(REALM, "/metrics needs the metrics token as a Bearer token"));
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }

    /** Compares hashes, so the time taken reveals neither the token's length nor how much of a guess matched. */
    private boolean authorized(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> MessageDigest.isEqual(sha256(v.substring(BEARER.length()).strip()), tokenHash.get()))
                .orElse(false);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

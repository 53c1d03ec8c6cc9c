package dev.portcullis.ops;

import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import io.helidon.http.HeaderNames;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics} in the Prometheus text format. Expose it only on a network Prometheus reaches. */
public final class MetricsEndpoint implements Routes {
    private final Metrics metrics;

    public MetricsEndpoint(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
    }
}

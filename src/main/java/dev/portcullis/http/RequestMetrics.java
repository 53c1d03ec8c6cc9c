package dev.portcullis.http;

import java.time.Duration;

/**
 * Where the adapter counts each answered request: by method, route pattern (never the raw path,
 * which carries ids) and status. ops.Metrics keeps them; http only reports.
 */
@FunctionalInterface
public interface RequestMetrics {
    void request(String method, String route, int status, Duration took);
}

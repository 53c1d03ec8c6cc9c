package dev.portcullis.http;

import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.spi.DnsResolver;
import java.time.Duration;

/**
 * The HTTP client for calls to addresses that others chose (metadata documents, webhook targets):
 * every name resolved by the caller's SSRF-checking resolver, no proxy, no redirect followed, both
 * time-outs set. Built at first use: Helidon's client configuration and TLS set-up are a tenth of
 * a second of a cold start on one core.
 */
public final class OutboundClient implements AutoCloseable {
    private final DnsResolver resolver;
    private final Duration timeout;
    private volatile WebClient client;

    public OutboundClient(DnsResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
    }

    public WebClient web() {
        WebClient made = client;
        if (made != null) return made;
        synchronized (this) {
            if (client == null) {
                client = WebClient.builder()
                        .connectTimeout(timeout)
                        .readTimeout(timeout)
                        .followRedirects(false)
                        .proxy(Proxy.noProxy())
                        .dnsResolver(resolver)
                        .build();
            }
            return client;
        }
    }

    @Override
    public void close() {
        WebClient made = client;
        if (made != null) made.closeResource();
    }
}

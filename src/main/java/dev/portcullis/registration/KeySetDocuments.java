package dev.portcullis.registration;

import dev.portcullis.clientauth.KeySetFetcher;
import dev.portcullis.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches clients' {@code jwks_uri} documents with the same SSRF protection as Client ID Metadata
 * Documents ({@link DocumentFetcher}: public addresses only, the checked address is the one
 * connected to, no proxy, no redirects, one deadline, a size cap). https only, unless the
 * development setting that lets metadata documents use private addresses is on.
 */
public final class KeySetDocuments implements KeySetFetcher, AutoCloseable {
    static final int MAX_BYTES = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final DocumentFetcher fetcher;

    public KeySetDocuments(Config config) {
        this.fetcher = new DocumentFetcher(config.registration().documentsAllowPrivate(), MAX_BYTES, TIMEOUT, fetchers);
    }

    @Override
    public byte[] fetch(URI uri) {
        try {
            return fetcher.httpsBody(uri);
        } catch (DocumentFetcher.Failure e) {
            throw new Failure(e.getMessage());
        }
    }

    @Override
    public void close() {
        fetcher.close();
        fetchers.shutdownNow();
    }
}

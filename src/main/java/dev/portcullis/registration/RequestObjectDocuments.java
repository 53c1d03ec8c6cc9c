package dev.portcullis.registration;

import dev.portcullis.authorize.RequestUriFetcher;
import dev.portcullis.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches request objects by {@code request_uri} (OIDC Core §6.2) with the SSRF protection of
 * Client ID Metadata Documents ({@link DocumentFetcher}). https only, unless the development
 * setting that lets metadata documents use private addresses is on. Any content type: servers
 * answer application/oauth-authz-req+jwt, application/jwt or text/plain, and what counts is the
 * signature the authorization endpoint checks.
 */
public final class RequestObjectDocuments implements RequestUriFetcher, AutoCloseable {
    static final int MAX_BYTES = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final DocumentFetcher.MediaTypes ANY_JWT = new DocumentFetcher.MediaTypes(
            "application/oauth-authz-req+jwt, application/jwt;q=0.9, */*;q=0.1", type -> true, "");

    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final DocumentFetcher fetcher;

    public RequestObjectDocuments(Config config) {
        this.fetcher = new DocumentFetcher(config.registration().documentsAllowPrivate(), MAX_BYTES, TIMEOUT, fetchers, ANY_JWT);
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

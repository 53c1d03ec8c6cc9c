package dev.portcullis.registration;

import dev.portcullis.http.OutboundClient;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.spi.DnsResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Downloads a client metadata document with SSRF protection. The client's only DNS is
 * {@link #resolveAddress}: it resolves the host once, refuses it unless every address is public,
 * and hands back the address the connection then uses, so no second lookup can rebind the name
 * to an internal address between the check and the connect. No proxy, no redirects, one deadline
 * for the whole download, and at most {@code maxBytes} read.
 */
final class DocumentFetcher implements DnsResolver, AutoCloseable {
    /** A reason to refuse the document, fit for the client; no stack. */
    static final class Failure extends RuntimeException {
        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    record Document(byte[] body, List<String> cacheControl) {}

    /** What a document must be served as, and the Accept header that asks for it. */
    record MediaTypes(String accept, Predicate<String> allows, String refusal) {
        static final MediaTypes JSON = new MediaTypes("application/json",
                type -> type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*"),
                "it is not served as application/json");
    }

    private final boolean allowPrivate;
    private final int maxBytes;
    private final Duration timeout;
    private final ExecutorService executor;
    private final MediaTypes types;
    private final OutboundClient outbound;

    DocumentFetcher(boolean allowPrivate, int maxBytes, Duration timeout, ExecutorService executor) {
        this(allowPrivate, maxBytes, timeout, executor, MediaTypes.JSON);
    }

    DocumentFetcher(boolean allowPrivate, int maxBytes, Duration timeout, ExecutorService executor, MediaTypes types) {
        this.types = types;
        this.allowPrivate = allowPrivate;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.executor = executor;
        this.outbound = new OutboundClient(this, timeout);
    }

    /** The body of an https document (http too where private addresses are allowed, in development). */
    byte[] httpsBody(URI uri) {
        if (!"https".equals(uri.getScheme()) && !(allowPrivate && "http".equals(uri.getScheme()))) {
            throw new Failure("it must use https");
        }
        return get(uri).body();
    }

    Document get(URI uri) {
        Future<Document> pending = executor.submit(() -> download(uri));
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Failure("fetching it took longer than " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("fetching it was interrupted");
        }
    }

    private Document download(URI uri) throws IOException {
        // uri(URI), not get(String): Helidon escapes a string's '%' and '?' again, so /a%20b?x=1 would be fetched as /a%2520b%3Fx=1.
        try (HttpClientResponse response = outbound.web().get().uri(uri).header(HeaderNames.ACCEPT, types.accept()).request()) {
            int status = response.status().code();
            if (status >= 300 && status < 400) throw new Failure("fetching it answered a redirect, which is not followed");
            if (status != 200) throw new Failure("fetching it answered HTTP " + status);
            String type = response.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
            if (!types.allows().test(type)) throw new Failure(types.refusal());
            byte[] body = readAtMost(response.inputStream());
            return new Document(body, response.headers().all(HeaderNames.CACHE_CONTROL, List::of));
        }
    }

    private byte[] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) throw new Failure("it is larger than " + maxBytes + " bytes");
        return body;
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    @Override
    public InetAddress resolveAddress(String host, DnsAddressLookup lookup) {
        return PublicAddress.resolve(host, allowPrivate, Failure::new);
    }

    /** The nearest reason given, else a plain one: the client's own exceptions may wrap ours. */
    private static Failure failure(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof Failure f) return f;
        }
        return new Failure("it could not be fetched");
    }

    @Override
    public void close() {
        outbound.close();
    }
}

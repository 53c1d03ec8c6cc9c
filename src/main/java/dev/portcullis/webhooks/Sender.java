package dev.portcullis.webhooks;

import dev.portcullis.http.OutboundClient;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one delivery with the Standard Webhooks headers. The target passes {@link TargetUrls}
 * again (its DNS is the client's only DNS, so the connection goes to the approved address), no
 * proxy, no redirects, one deadline for the whole exchange. Only the status is read.
 */
final class Sender implements AutoCloseable {
    static final HeaderName WEBHOOK_ID = HeaderNames.create("webhook-id");
    static final HeaderName WEBHOOK_TIMESTAMP = HeaderNames.create("webhook-timestamp");
    static final HeaderName WEBHOOK_SIGNATURE = HeaderNames.create("webhook-signature");

    /** What an attempt came to: an HTTP status, or the kind of error when none came back. */
    record Outcome(Optional<Integer> statusCode, Optional<String> error) {
        static Outcome status(int code) {
            return new Outcome(Optional.of(code), Optional.empty());
        }

        static Outcome error(String kind) {
            return new Outcome(Optional.empty(), Optional.of(kind));
        }
    }

    private final TargetUrls targets;
    private final boolean allowHttp;
    private final Duration timeout;
    private final OutboundClient outbound;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    Sender(boolean allowPrivate, Duration timeout) {
        this.targets = new TargetUrls(allowPrivate);
        this.allowHttp = allowPrivate;
        this.timeout = timeout;
        this.outbound = new OutboundClient(targets, timeout);
    }

    Outcome post(URI target, String webhookId, long timestamp, String signatures, String body) {
        if (!"https".equals(target.getScheme()) && !(allowHttp && "http".equals(target.getScheme()))) {
            return Outcome.error("refused_address");
        }
        try {
            targets.resolveAddress(target.getHost(), null); // also for an address literal, which the client may not look up
        } catch (TargetUrls.Refused e) {
            return Outcome.error("refused_address");
        }
        Future<Outcome> pending = executor.submit(() -> {
            try (HttpClientResponse response = outbound.web().post().uri(target)
                    .header(WEBHOOK_ID, webhookId)
                    .header(WEBHOOK_TIMESTAMP, Long.toString(timestamp))
                    .header(WEBHOOK_SIGNATURE, signatures)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .header(HeaderNames.USER_AGENT, "Portcullis-Webhooks")
                    .submit(body.getBytes(StandardCharsets.UTF_8))) {
                return Outcome.status(response.status().code());
            }
        });
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Outcome.error("timeout");
        } catch (ExecutionException e) {
            return Outcome.error(kind(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error("interrupted");
        }
    }

    /** A refused address, a time-out inside the client, or any other failure to connect or read. */
    private static String kind(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof TargetUrls.Refused) return "refused_address";
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) return "timeout";
        }
        return "connection";
    }

    @Override
    public void close() {
        executor.shutdownNow();
        outbound.close();
    }
}

package dev.portcullis.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * A real webhook receiver on a loopback port: it keeps every request and answers what the test
 * scripts by request number (a status, or -1 to stall past the sender's time-out).
 */
final class Receiver implements AutoCloseable {
    record Received(String webhookId, String timestamp, String signature, String contentType, String body) {
        Map<String, String> headers() {
            return Map.of("webhook-id", webhookId, "webhook-timestamp", timestamp, "webhook-signature", signature);
        }
    }

    static final int STALL = -1;
    private final HttpServer server;
    private final LinkedBlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Received> all = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

    private Receiver(IntUnaryOperator answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            var received = new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                    h.getFirst("content-type"), new String(body, StandardCharsets.UTF_8));
            int status = answer.applyAsInt(count.incrementAndGet());
            all.add(received);
            arrivals.add(received);
            if (status == STALL) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers 2xx to everything. */
    static Receiver accepting() throws IOException {
        return new Receiver(n -> 204);
    }

    /** Answers {@code statuses[n-1]} to the n-th request, 200 after them. */
    static Receiver answering(int... statuses) throws IOException {
        return new Receiver(n -> n <= statuses.length ? statuses[n - 1] : 200);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next request, waiting up to {@code wait}; fails the test when none comes. */
    Received next(Duration wait) throws InterruptedException {
        Received r = arrivals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) throw new AssertionError("no webhook arrived within " + wait);
        return r;
    }

    /** Whether another request arrives within {@code wait}. */
    boolean nothingWithin(Duration wait) throws InterruptedException {
        return arrivals.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    List<Received> all() {
        return new ArrayList<>(all);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.portcullis.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A plain HTTP proxy in front of the upstream Portcullis, whose issuer is this proxy's address. It
 * passes everything through unchanged, except that when {@link #tamperNextIdToken} is set it
 * rewrites the {@code sub} inside the next token response's ID token, leaving the signature as
 * it was: what an attacker on the path would try.
 */
final class TamperingProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "expect",
            "upgrade", "keep-alive");
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int targetPort;
    private volatile boolean tamper;

    private TamperingProxy(HttpServer server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Listens on {@code port} (every loopback address, so "localhost" reaches it) and forwards to 127.0.0.1:{@code targetPort}. */
    static TamperingProxy start(int port, int targetPort) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            var proxy = new TamperingProxy(server, targetPort);
            server.createContext("/", proxy::forward);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void tamperNextIdToken() {
        tamper = true;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = response.body();
            if (tamper && exchange.getRequestURI().getPath().endsWith("/token") && response.statusCode() == 200) {
                tamper = false;
                answer = tampered(answer);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ID token's payload says another sub; header and signature are untouched. */
    private static byte[] tampered(byte[] tokenResponse) throws IOException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(tokenResponse);
        String[] parts = json.get("id_token").asText().split("\\.");
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put("sub", "someone-else");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(payload));
        json.put("id_token", String.join(".", parts));
        return Json.MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

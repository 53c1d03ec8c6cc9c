package dev.portcullis.support;

import dev.portcullis.Portcullis;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The real server on a free port over a fresh database, plus a plain HTTP client for it. */
public final class TestServer implements AutoCloseable {
    public static final String TEST_SIGNUPS_PER_HOUR = "100000";
    private final Portcullis portcullis;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private TestServer(Portcullis portcullis) {
        this.portcullis = portcullis;
    }

    public static TestServer start(Db db) {
        return start(configFor(TestDatabases.fresh(db)));
    }

    public static TestServer start(Config config) {
        return new TestServer(Portcullis.start(config));
    }

    public static TestServer start(Db db, java.time.Clock clock) {
        return start(configFor(TestDatabases.fresh(db)), clock);
    }

    /** On a clock the test moves, for expiry. */
    public static TestServer start(Config config, java.time.Clock clock) {
        return new TestServer(Portcullis.start(config, clock));
    }

    /**
     * Defaults as in production, on a free port whose URL is the issuer, so discovery documents
     * and {@code iss} checks name the server the test really talks to.
     */
    public static Config configFor(Storage storage) {
        // Every test user signs up from 127.0.0.1; LoginPagesTest checks the production limit on its own server.
        String port = Integer.toString(freePort());
        return ConfigLoader.load(Map.of("PORTCULLIS_PORT", port, "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                        "PORTCULLIS_ISSUER", "http://127.0.0.1:" + port, "PORTCULLIS_SIGNUPS_PER_HOUR", TEST_SIGNUPS_PER_HOUR))
                .withStorage(storage);
    }

    /**
     * As {@link #configFor}, with {@code localhost} as the issuer's host: a browser takes a domain as
     * the WebAuthn RP ID, never an IP address, so passkey tests in Chromium use this one.
     */
    public static Config configOnLocalhost(Storage storage) {
        String port = Integer.toString(freePort());
        return ConfigLoader.load(Map.of("PORTCULLIS_PORT", port, "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                        "PORTCULLIS_ISSUER", "http://localhost:" + port, "PORTCULLIS_SIGNUPS_PER_HOUR", TEST_SIGNUPS_PER_HOUR))
                .withStorage(storage);
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Portcullis portcullis() {
        return portcullis;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + portcullis.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends bytes a well-behaved client never would; returns the status code of the reply. */
    public int rawStatus(String request) {
        try (var socket = new java.net.Socket("127.0.0.1", portcullis.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        portcullis.close();
    }
}

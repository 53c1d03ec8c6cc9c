package dev.portcullis.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real server as its own process ({@code portcullis serve} on the test class path), for tests
 * that kill it with SIGKILL ({@link Process#destroyForcibly}) and start it again on the same data.
 */
public final class ServerProcess {
    private ServerProcess() {}

    /** Starts the server with exactly {@code env} as its settings; its output goes to target/{@code logName}.log. */
    public static Process start(Map<String, String> env, String logName) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.portcullis.cli.Main", "serve").redirectErrorStream(true)
                .redirectOutput(Path.of("target", logName + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    public static void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /healthz");
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

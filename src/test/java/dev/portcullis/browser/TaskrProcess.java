package dev.portcullis.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Taskr example as its users run it: its shaded jar in its own JVM, configured by environment
 * variables. The test command packages it before the server's build; a missing jar fails.
 */
final class TaskrProcess implements AutoCloseable {
    static final Path JAR = Path.of("examples", "taskr", "target", "taskr.jar");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final URI url;
    private final Path log;

    private TaskrProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts Taskr on {@code port} of {@code host}, talking to the Portcullis whose issuer is {@code issuer}. */
    static TaskrProcess start(String host, int port, URI issuer, String clientId, String clientSecret) {
        requireJar();
        URI url = URI.create("http://" + host + ":" + port);
        try {
            Path dataDir = Files.createTempDirectory("taskr-browser-");
            Path log = Files.createDirectories(Path.of("target")).resolve("taskr-browser-" + port + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                    "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            builder.environment().putAll(Map.of(
                    "PORTCULLIS_URL", issuer.toString(),
                    "TASKR_URL", url.toString(),
                    "TASKR_PORT", Integer.toString(port),
                    "TASKR_CLIENT_ID", clientId,
                    "TASKR_CLIENT_SECRET", clientSecret,
                    "TASKR_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key),
                    "TASKR_DATA_DIR", dataDir.toString()));
            TaskrProcess taskr = new TaskrProcess(builder.start(), url, log);
            taskr.awaitReady();
            return taskr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, never skips: a browser suite that silently skips is a suite nobody runs. */
    static void requireJar() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build Taskr first with "
                    + "'bin/jdk ./mvnw -B -f examples/taskr/pom.xml verify' (the README's test command does)");
        }
    }

    String url(String path) {
        return url + path;
    }

    /** Polls the login page until it answers; a Taskr that exits or hangs fails with its log. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw failed("Taskr exited with " + process.exitValue());
            try {
                HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(url("/login")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted");
            }
            try {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted");
            }
        }
        close();
        throw failed("Taskr did not answer within " + STARTUP.toSeconds() + " s");
    }

    private IllegalStateException failed(String why) {
        String output;
        try {
            output = Files.readString(log);
        } catch (IOException e) {
            output = "(no log: " + e.getMessage() + ")";
        }
        return new IllegalStateException(why + "; its output (" + log + "):\n" + output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.portcullis.browser;

import dev.portcullis.support.JarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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

    private final JarProcess process;
    private final URI url;

    private TaskrProcess(JarProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts Taskr on {@code port} of {@code host}, talking to the Portcullis whose issuer is {@code issuer}. */
    static TaskrProcess start(String host, int port, URI issuer, String clientId, String clientSecret) {
        requireJar();
        URI url = URI.create("http://" + host + ":" + port);
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("taskr-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        JarProcess process = JarProcess.start("Taskr", JAR, List.of("--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                "-XX:+UseSerialGC"), Map.of(
                "PORTCULLIS_URL", issuer.toString(),
                "TASKR_URL", url.toString(),
                "TASKR_PORT", Integer.toString(port),
                "TASKR_CLIENT_ID", clientId,
                "TASKR_CLIENT_SECRET", clientSecret,
                "TASKR_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key),
                "TASKR_DATA_DIR", dataDir.toString()), List.of(), Path.of("target", "taskr-browser-" + port + ".log"));
        process.awaitReady(URI.create(url + "/login"), STARTUP);
        return new TaskrProcess(process, url);
    }

    /** Fails, never skips: a browser suite that silently skips is a suite nobody runs. */
    static void requireJar() {
        JarProcess.requireJar(JAR, "Taskr", "bin/jdk ./mvnw -B -f examples/taskr/pom.xml verify");
    }

    String url(String path) {
        return url + path;
    }

    @Override
    public void close() {
        process.close();
    }
}

package dev.portcullis.interop;

import dev.portcullis.support.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring resource-server example (examples/spring-api) as its users run it: its Spring Boot
 * jar in its own JVM, configured by environment variables. The test command builds it before the
 * server's build; a missing jar fails the test, it never skips it.
 */
final class SpringApiProcess implements AutoCloseable {
    static final Path JAR = Path.of("examples", "spring-api", "target", "spring-api.jar");
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JarProcess process;
    private final URI url;

    private SpringApiProcess(JarProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Launches the example on {@code port} of 127.0.0.1 with these settings; call {@link #awaitReady()} next. */
    static SpringApiProcess launch(int port, Map<String, String> settings) {
        requireJar();
        Map<String, String> env = new HashMap<>(settings);
        env.put("SPRING_API_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        // A developer's own PORTCULLIS_* or SPRING_* variables must not reach the example.
        JarProcess process = JarProcess.start("the Spring example", JAR,
                List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), env, List.of("PORTCULLIS_", "SPRING_"),
                Path.of("target", "spring-api-" + port + ".log"));
        return new SpringApiProcess(process, URI.create("http://127.0.0.1:" + port));
    }

    static void requireJar() {
        JarProcess.requireJar(JAR, "the Spring example", "bin/jdk ./mvnw -B -f examples/spring-api/pom.xml verify");
    }

    SpringApiProcess awaitReady() {
        process.awaitReady(url.resolve("/healthz"), STARTUP);
        return this;
    }

    /** GET {@code path}, with {@code Authorization: Bearer token} unless the token is null. */
    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw process.failed("GET " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw process.failed("interrupted");
        }
    }

    @Override
    public void close() {
        process.close();
    }
}

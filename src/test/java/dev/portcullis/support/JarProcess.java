package dev.portcullis.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An example app as its users run it: its jar in its own JVM (the one running the tests),
 * configured by environment variables, its output in a log file. A missing jar fails the test,
 * never skips it: a suite that silently skips is a suite nobody runs.
 */
public final class JarProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private JarProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Fails with the command that builds {@code jar} when it is not there. */
    public static void requireJar(Path jar, String name, String buildCommand) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build " + name + " first with '"
                    + buildCommand + "' (the README's test command does)");
        }
    }

    /**
     * Starts {@code java jvmOptions -jar jar} with {@code env} added to this environment, without
     * the variables named by {@code dropPrefixes} (so a developer's own settings cannot leak in).
     */
    public static JarProcess start(String name, Path jar, List<String> jvmOptions, Map<String, String> env,
                                   List<String> dropPrefixes, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> dropPrefixes.stream().anyMatch(k::startsWith));
            builder.environment().putAll(env);
            return new JarProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code probe} until it answers 200; a process that exits or hangs fails with its log. */
    public void awaitReady(URI probe, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw failed(name + " exited with " + process.exitValue());
            try {
                HttpResponse<Void> res = HTTP.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted");
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted");
            }
        }
        close();
        throw failed(name + " did not answer within " + within.toSeconds() + " s");
    }

    /** An error that carries the process's output, for a failure the log explains. */
    public IllegalStateException failed(String why) {
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
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

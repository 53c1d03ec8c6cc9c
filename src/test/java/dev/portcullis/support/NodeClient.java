package dev.portcullis.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js client from src/test/node, run as its own process: it prints one JSON object a line
 * and reads answers (a callback URL) on standard input. Its packages come from the npm registry
 * at the versions package-lock.json pins, installed once per checkout.
 */
public final class NodeClient implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private NodeClient(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
    }

    public static NodeClient start(Path dir, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return new NodeClient(new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The client's next line, as JSON; its errors went to this test's standard error. */
    public JsonNode line() throws IOException {
        String line = out.readLine();
        if (line == null) throw new AssertionError("the Node client ended without answering (its errors are above)");
        return Json.MAPPER.readTree(line);
    }

    public void answer(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** Runs {@code npm ci} in {@code dir} unless {@code module} is installed already. */
    public static void install(Path dir, String module) throws Exception {
        if (Files.isDirectory(dir.resolve("node_modules").resolve(module))) return;
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund")).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js and npm are missing: install Debian's nodejs and npm (.ci/run does this)", e);
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + dir);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

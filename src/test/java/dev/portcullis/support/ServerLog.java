package dev.portcullis.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the in-process server logs while a block runs: slf4j-simple writes each line to the
 * current {@code System.err}, so the lines are copied there and kept for the test to read.
 */
public final class ServerLog {
    private ServerLog() {}

    public static synchronized String during(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream copy = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(copy);
            action.run();
        } finally {
            System.setErr(original);
        }
        String lines = captured.toString(StandardCharsets.UTF_8);
        original.print(lines);
        return lines;
    }
}

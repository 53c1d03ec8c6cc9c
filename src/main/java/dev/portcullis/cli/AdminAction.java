package dev.portcullis.cli;

import dev.portcullis.Core;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * One admin act: open the configured database ({@link Core}, no HTTP), do the work, print the
 * result as JSON ({@code --json}) or one readable line, close. A refused input prints its field
 * and reason on stderr and exits 1.
 */
final class AdminAction {
    /** What an act prints: the JSON document, or a line for people. */
    record Printed(Object json, String line) {}

    private AdminAction() {}

    static int run(Map<String, String> env, CommandLine.Model.CommandSpec spec, boolean json, Function<Core, Printed> work) {
        PrintWriter out = spec.commandLine().getOut();
        Printed printed;
        try (Core core = Core.open(ConfigLoader.load(env), Clock.systemUTC())) {
            printed = work.apply(core);
        } catch (OAuthException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("portcullis: " + (e.error() instanceof Failure.Validation v ? v.field() + ": " : "") + e.getMessage());
            err.flush();
            return 1;
        }
        out.println(json ? toJson(printed.json()) : printed.line());
        out.flush();
        return 0;
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new String(Json.bytes(value), StandardCharsets.UTF_8);
        }
    }
}

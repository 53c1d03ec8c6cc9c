package dev.portcullis.cli;

import dev.portcullis.config.ConfigException;
import dev.portcullis.storage.DatabaseException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code portcullis}: the top-level command and the one place start-up failures become one line. */
@Command(name = "portcullis", mixinStandardHelpOptions = true, version = "portcullis 0.1.0",
        description = "OAuth 2.0 / OpenID Connect authorization server for workspace-based APIs.",
        subcommands = {ServeCommand.class, AdminCommand.class, CommandLine.HelpCommand.class})
public final class PortcullisCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final Map<String, String> env;

    PortcullisCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String[] args, Map<String, String> env) {
        // picocli models every command by reflection before it parses anything, a tenth of a
        // cold start; the bare `serve` that starts the server needs none of that.
        if (args.length == 1 && args[0].equals("serve")) return serve(env);
        CommandLine cli = new CommandLine(new PortcullisCommand(env));
        cli.setExecutionExceptionHandler((e, line, parsed) -> failure(e, line.getErr()));
        return cli.execute(args);
    }

    private static int serve(Map<String, String> env) {
        try {
            ServeCommand.serve(env);
            return 0;
        } catch (RuntimeException e) {
            return failure(e, new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        }
    }

    static int failure(Exception e, PrintWriter err) {
        switch (e) {
            case ConfigException c -> err.println("portcullis: invalid configuration: " + c.getMessage());
            case DatabaseException d -> err.println("portcullis: database error: " + rootMessage(d));
            default -> err.println("portcullis: " + e.getClass().getSimpleName() + ": " + rootMessage(e));
        }
        err.flush();
        return 2;
    }

    /** The innermost message: drivers put the useful reason ("connection refused") there. */
    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        return String.valueOf(cause.getMessage());
    }
}

package dev.portcullis.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code portcullis admin ...}: operator commands that act on the configured database, then exit. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operator commands on the configured database (configuration from PORTCULLIS_* environment variables).",
        subcommands = {KeysCommand.class, OperatorTokenCommand.class, UserCommand.class, WorkspaceCommand.class,
                AppCommand.class, ApiKeyCommand.class, ImportCommand.class})
final class AdminCommand implements Runnable {
    @ParentCommand
    PortcullisCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Map<String, String> env() {
        return parent.env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

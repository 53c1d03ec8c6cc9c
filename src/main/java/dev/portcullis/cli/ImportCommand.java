package dev.portcullis.cli;

import dev.portcullis.ExchangeWiring;
import dev.portcullis.events.Actor;
import dev.portcullis.manage.SetupImport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code portcullis admin import FILE}: applies a declarative setup (README "Admin commands"), all or
 * nothing and idempotently, and prints as JSON what it created and updated.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Apply a JSON setup file (users, workspaces, apps, api_keys, resources); a second run updates, never duplicates.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The setup file (JSON)")
    Path file;

    @Override
    public Integer call() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("portcullis: cannot read " + file + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        return AdminAction.run(admin.env(), spec, true, core -> {
            var setup = new SetupImport(core.database(), core.identity(), core.provisioning(), core.apps(), core.apiKeys(), core.resources(),
                    core.scopeCheck(), core.ids(), core.upstreamProviders(), ExchangeWiring.of(core).setupImport(), core.events(),
                    core.webhooks());
            return new AdminAction.Printed(setup.run(Actor.system(), json), "");
        });
    }
}

package dev.portcullis.cli;

import dev.portcullis.error.OAuthException;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.manage.Views;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code portcullis admin workspace create}: a workspace with its first admin. */
@Command(name = "workspace", mixinStandardHelpOptions = true, description = "Create workspaces.")
final class WorkspaceCommand implements Runnable {
    @ParentCommand
    AdminCommand admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace with an existing user as its admin.")
    int create(@Option(names = "--slug", required = true) String slug,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--admin", required = true, description = "The admin's email") String adminEmail,
               @Option(names = "--json", description = "Print JSON") boolean json) {
        return AdminAction.run(admin.env(), spec, json, core -> {
            User user = core.identity().findByEmail(adminEmail)
                    .orElseThrow(() -> OAuthException.validation("--admin", "No account uses that email"));
            Workspace w = core.identity().createWorkspace(user.id(), name, slug, null);
            return new AdminAction.Printed(Views.workspace(w), "Created workspace " + w.slug() + " (" + w.id() + ")");
        });
    }
}

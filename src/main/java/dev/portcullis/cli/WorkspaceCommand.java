package dev.portcullis.cli;

import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.manage.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis admin workspace create}: a workspace with its first admin. */
@Command(name = "workspace", mixinStandardHelpOptions = true, description = "Create workspaces.")
final class WorkspaceCommand extends AdminGroup {
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace with an existing user as its admin.")
    int create(@Option(names = "--slug", required = true) String slug,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--admin", required = true, description = "The admin's email") String adminEmail,
               @Option(names = "--json", description = "Print JSON") boolean json) {
        return AdminAction.run(admin.env(), spec, json, core -> {
            User user = core.identity().findByEmail(adminEmail)
                    .orElseThrow(() -> OAuthException.validation("--admin", "No account uses that email"));
            Workspace w = core.identity().createWorkspace(Actor.system(), user.id(), name, slug, null);
            return new AdminAction.Printed(Views.workspace(w), "Created workspace " + w.slug() + " (" + w.id() + ")");
        });
    }
}

package dev.portcullis.cli;

import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.error.OAuthException;
import dev.portcullis.manage.Views;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis admin api-key create}: a workspace API key, printed once. */
@Command(name = "api-key", mixinStandardHelpOptions = true, description = "Create workspace API keys.")
final class ApiKeyCommand extends AdminGroup {
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key (sk_..., shown once).")
    int create(@Option(names = "--workspace", required = true, description = "The workspace's slug") String slug,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--scope", description = "Repeatable; none unless given") List<String> scopes,
               @Option(names = "--expires-at", description = "ISO-8601 instant, e.g. 2030-01-01T00:00:00Z") Instant expiresAt,
               @Option(names = "--json", description = "Print JSON") boolean json) {
        return AdminAction.run(admin.env(), spec, json, core -> {
            String workspaceId = core.identity().findWorkspaceBySlug(slug)
                    .orElseThrow(() -> OAuthException.validation("--workspace", "No workspace has that slug")).id();
            var created = core.apiKeys().create(Actor.operator(), workspaceId,
                    new ApiKeyService.Draft(name, scopes, Optional.ofNullable(expiresAt)));
            return new AdminAction.Printed(Views.apiKey(created.key(), Optional.of(created.secret())),
                    "Created API key " + created.key().name() + " in " + slug + " (shown once): " + created.secret());
        });
    }
}

package dev.portcullis.cli;

import dev.portcullis.Core;
import dev.portcullis.api.tasks.SampleTasks;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.Provisioning;
import dev.portcullis.manage.AppFields;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The demo setup of {@code ./portcullis serve} on the first start of an empty database (when
 * {@code PORTCULLIS_DEMO} is true): a user, a workspace with a few sample tasks, the "Taskr (demo)" app and an API key,
 * whose credentials are printed this once. Never runs twice: any existing user means "not empty".
 */
final class DemoSeed {
    static final String EMAIL = "demo@example.com";
    static final String REDIRECT_URI = "http://localhost:3050/integrations/portcullis/callback";
    static final List<String> APP_SCOPES = List.of("openid", "profile", "email", "offline_access", "task:read",
            "task:read-write", "object_configuration:read", "record_permission:read", "user_management:read");
    static final List<String> KEY_SCOPES = List.of("task:read", "task:read-write", "object_configuration:read",
            "record_permission:read", "user_management:read");

    /** What was created, with the secrets that exist only here. */
    record Credentials(String email, String password, String workspaceSlug, String clientId, String clientSecret, String apiKey) {
        @Override
        public String toString() {
            return "Credentials[" + email + ", " + workspaceSlug + ", " + clientId + "]";
        }
    }

    private DemoSeed() {}

    /** Seeds and prints the credentials when the database is empty and the demo is on; otherwise does nothing. */
    static Optional<Credentials> seedOnce(Core core, PrintWriter out) {
        if (!core.config().demo()) return Optional.empty();
        Provisioning identity = core.provisioning();
        String password = UserCommand.randomPassword(core.random());
        var user = identity.prepareUser("Demo User", EMAIL, password); // hashing is slow: before the transaction
        var settings = new AppFields(null, null, null, null, "Taskr (demo)",
                "The example app in examples/taskr, registered by the demo seed.", null, List.of(REDIRECT_URI), APP_SCOPES,
                "client_secret_basic", List.of("authorization_code", "refresh_token"), null, null, null, null, null)
                .settings(Optional.empty(), core.scopeCheck());
        // One transaction: two instances starting together on one empty database seed at most once.
        Optional<Credentials> seeded = core.database().inTransaction(tx -> {
            if (identity.hasUsers(tx)) return Optional.empty();
            var u = identity.saveUser(tx, Actor.system(), user).value();
            var w = identity.saveWorkspace(tx, "demo", "Demo workspace", u.id(), Actor.system()).value();
            var app = core.apps().createWithCredentials(tx, Actor.system(), Optional.of(u.id()), core.ids().next(), Optional.empty(), settings);
            var key = core.apiKeys().create(tx, dev.portcullis.apikeys.Actor.operator(), w.id(), new ApiKeyService.Draft("Demo key", KEY_SCOPES, Optional.empty()));
            SampleTasks.seed(tx, w.id(), identity.members(tx, w.id()).stream().map(m -> m.membership().id()).toList(),
                    core.ids(), core.clock().instant());
            return Optional.of(new Credentials(u.email(), password, w.slug(), app.app().clientId(),
                    app.clientSecret().orElseThrow(), key.secret()));
        });
        seeded.ifPresent(c -> print(core, c, out));
        return seeded;
    }

    private static void print(Core core, Credentials c, PrintWriter out) {
        String issuer = core.config().server().issuer().toString();
        out.println();
        out.println("Demo setup created on this first start. These secrets are shown once; note them now:");
        out.println("  login          " + issuer + "/login  as " + c.email() + " / " + c.password());
        out.println("  workspace      " + c.workspaceSlug());
        out.println("  app            Taskr (demo), client_secret_basic");
        out.println("    client_id      " + c.clientId());
        out.println("    client_secret  " + c.clientSecret());
        out.println("    redirect_uri   " + REDIRECT_URI);
        out.println("  API key        " + c.apiKey() + "  (scopes: " + String.join(" ", KEY_SCOPES) + ")");
        out.println("  e.g.           curl -H 'Authorization: Bearer " + c.apiKey() + "' " + issuer + "/v2/self");
        out.println();
        out.flush();
    }
}

package dev.portcullis.cli;

import dev.portcullis.events.Actor;
import dev.portcullis.identity.User;
import dev.portcullis.manage.Views;
import java.security.SecureRandom;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis admin user create}: a user without a workspace. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create users.")
final class UserCommand extends AdminGroup {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user. Without --password a random one is generated and printed once.")
    int create(@Option(names = "--email", required = true) String email,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--password", description = "At least 8 characters (visible to other local users via ps)") String password,
               @Option(names = "--json", description = "Print JSON") boolean json) {
        boolean generated = password == null;
        String chosen = generated ? randomPassword(new SecureRandom()) : password;
        return AdminAction.run(admin.env(), spec, json, core -> {
            User user = core.provisioning().createUser(Actor.system(), core.provisioning().prepareUser(name, email, chosen));
            var view = Views.user(user);
            if (generated) view.put("password", chosen);
            return new AdminAction.Printed(view, "Created user " + user.email() + " (" + user.id() + ")"
                    + (generated ? ", password (shown once): " + chosen : ""));
        });
    }

    static String randomPassword(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

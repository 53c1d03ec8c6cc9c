package dev.portcullis.cli;

import dev.portcullis.events.Actor;
import dev.portcullis.operators.OperatorTokens;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis admin operator-token create}: a credential for /manage/v1, printed once. */
@Command(name = "operator-token", mixinStandardHelpOptions = true, description = "Create operator tokens for /manage/v1.")
final class OperatorTokenCommand extends AdminGroup {
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an operator token (shown once).")
    int create(@Option(names = "--name", required = true, description = "What the token is for") String name,
               @Option(names = "--json", description = "Print JSON") boolean json) {
        return AdminAction.run(admin.env(), spec, json, core -> {
            OperatorTokens.Created created = core.operators().create(name, Actor.system());
            var view = new LinkedHashMap<String, Object>();
            view.put("id", created.token().id());
            view.put("name", created.token().name());
            view.put("token", created.secret());
            return new AdminAction.Printed(view, "Operator token " + created.token().name() + " (shown once): " + created.secret());
        });
    }
}

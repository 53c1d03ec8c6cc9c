package dev.portcullis.cli;

import dev.portcullis.Core;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.keys.SigningKeyInfo;
import dev.portcullis.manage.Views;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code portcullis admin keys list|rotate}: the signing keys in the configured database. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List or rotate the signing keys.")
final class KeysCommand implements Runnable {
    @ParentCommand
    AdminCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the published signing keys, oldest first.")
    void list(@Option(names = "--json", description = "Print JSON") boolean json) {
        print("keys", withKeyRing(KeyRing::keys), json);
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new current key; the previous one stays published until its tokens have expired.")
    void rotate(@Option(names = "--alg", description = "RS256, PS256, ES256 or EdDSA (default: every algorithm)") SigningAlgorithm alg,
                @Option(names = "--json", description = "Print JSON") boolean json) {
        Clock clock = Clock.systemUTC();
        print("rotated", withKeyRing(ring -> alg == null ? ring.rotateAll(clock.instant(), Actor.system())
                : List.of(ring.rotate(alg, clock.instant(), Actor.system()))), json);
    }

    /** Through {@link Core}, as every admin act: a rotation is recorded in the audit log, and its sinks see it. */
    private <T> T withKeyRing(Function<KeyRing, T> work) {
        try (Core core = Core.open(ConfigLoader.load(parent.env()), Clock.systemUTC())) {
            return work.apply(core.keys());
        }
    }

    private void print(String name, List<SigningKeyInfo> keys, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(Json.bytes(Map.of(name, keys.stream().map(Views::signingKey).toList())),
                    java.nio.charset.StandardCharsets.UTF_8));
        } else {
            out.printf("%-44s %-6s %-8s %-25s %s%n", "KID", "ALG", "STATUS", "CREATED", "PUBLISHED UNTIL");
            keys.forEach(k -> out.printf("%-44s %-6s %-8s %-25s %s%n", k.kid(), k.alg(), status(k), k.createdAt(),
                    k.publishedUntil().map(Object::toString).orElse("-")));
        }
        out.flush();
    }

    private static String status(SigningKeyInfo key) {
        return key.current() ? "current" : "retired";
    }
}

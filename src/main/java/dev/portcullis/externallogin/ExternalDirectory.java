package dev.portcullis.externallogin;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.identity.ExternalAccounts;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The users and workspaces a completed login names, created or updated by the SaaS's own ids.
 * The rows keep their Portcullis ids, so the user's connections, tokens and API keys go on working.
 */
public final class ExternalDirectory {
    private final ExternalAccounts accounts;
    private final ExternalLinkRepository links;
    private final Clock clock;

    public ExternalDirectory(ExternalAccounts accounts, ExternalLinkRepository links, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.clock = clock;
    }

    /** Writes what {@code request} says, in the caller's transaction, as {@code actor} (the operator token); the user it names. */
    User save(Tx tx, CompleteRequest request, Actor actor) {
        var u = request.user();
        User user = at("user", () -> accounts.saveUser(tx, links.userOf(tx, u.id()), u.email(),
                Optional.ofNullable(u.emailVerified()), u.firstName(), u.lastName()));
        Optional<String> metadata = Optional.ofNullable(u.metadata()).map(m -> new String(Json.bytes(m), StandardCharsets.UTF_8));
        links.linkUser(tx, u.id(), user.id(), metadata, clock.instant());
        Set<String> named = new HashSet<>();
        for (int i = 0; i < request.workspaces().size(); i++) {
            var w = request.workspaces().get(i);
            Workspace saved = at("workspaces[" + i + "]", () -> accounts.saveWorkspace(tx, links.workspaceOf(tx, w.id()), w.name(),
                    Optional.ofNullable(w.slug()), actor));
            links.linkWorkspace(tx, w.id(), saved.id(), clock.instant());
            accounts.setRole(tx, saved.id(), user.id(), w.parsedRole(), actor);
            named.add(saved.id());
        }
        if (request.replacing()) accounts.keepOnly(tx, user.id(), named, actor);
        return user;
    }

    /** Runs a step; a validation error it raises names its field under {@code path}. */
    private static <T> T at(String path, Supplier<T> step) {
        try {
            return step.get();
        } catch (OAuthException e) {
            if (e.error() instanceof Failure.Validation v) throw OAuthException.validation(path + "." + wire(v.field()), v.description());
            throw e;
        }
    }

    /** The body's name for a field the identity rules name by its claim. */
    private static String wire(String field) {
        return switch (field) {
            case "name", "given_name" -> "first_name";
            case "family_name" -> "last_name";
            default -> field;
        };
    }
}

package dev.portcullis.exchange;

import dev.portcullis.apps.AppService;
import dev.portcullis.error.OAuthException;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.util.List;
import java.util.function.Predicate;

/**
 * The per-app setting of RFC 8693 exchange: the resources an app may exchange tokens for. Only
 * resources tokens can be issued for (the built-in API and registered ones) may be listed.
 */
public final class ExchangeTargets {
    private final Database db;
    private final ExchangeTargetRepository targets;
    private final AppService apps;
    private final Predicate<String> knownResource;

    public ExchangeTargets(Database db, ExchangeTargetRepository targets, AppService apps, Predicate<String> knownResource) {
        this.db = db;
        this.targets = targets;
        this.apps = apps;
        this.knownResource = knownResource;
    }

    public boolean appExists(String clientId) {
        return clientId != null && apps.find(clientId).isPresent();
    }

    public List<String> of(String clientId) {
        requireApp(clientId);
        return db.read(tx -> targets.list(tx, clientId));
    }

    public List<String> replace(String clientId, List<String> resources) {
        requireApp(clientId);
        List<String> checked = validate("resources", resources, java.util.Set.of());
        return db.inTransaction(tx -> {
            targets.replace(tx, clientId, checked);
            return targets.list(tx, clientId);
        });
    }

    /** For the setup file: the app is checked by the caller, which may be creating it in the same transaction. */
    public void replace(Tx tx, String clientId, List<String> checked) {
        targets.replace(tx, clientId, checked);
    }

    /** {@code alsoKnown}: resources a setup file registers alongside. */
    public List<String> validate(String field, List<String> resources, java.util.Set<String> alsoKnown) {
        if (resources == null) throw OAuthException.validation(field, "is required: a list of resource URIs");
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == null || !(knownResource.test(resources.get(i)) || alsoKnown.contains(resources.get(i)))) {
                throw OAuthException.validation(field + "[" + i + "]", "is not the built-in API or a registered resource");
            }
        }
        return resources.stream().distinct().toList();
    }

    private void requireApp(String clientId) {
        if (apps.find(clientId).isEmpty()) throw OAuthException.notFound("App not found");
    }
}

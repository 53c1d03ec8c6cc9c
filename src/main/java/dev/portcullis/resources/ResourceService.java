package dev.portcullis.resources;

import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.scopes.ScopeCheck;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's registry of protected resources. The built-in {@code <issuer>/v2} API is
 * implicit and not stored here.
 */
public final class ResourceService {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Database db;
    private final ResourceRepository resources;
    private final ScopeCheck scopeCheck;
    private final Ids ids;
    private final Clock clock;

    public ResourceService(Database db, ResourceRepository resources, ScopeCheck scopeCheck, Ids ids, Clock clock) {
        this.db = db;
        this.resources = resources;
        this.scopeCheck = scopeCheck;
        this.ids = ids;
        this.clock = clock;
    }

    public record Saved(ProtectedResource resource, boolean created) {}

    /** Registers the resource, or updates the name and scopes of the one with that URI. */
    public Saved save(String uri, String name, List<String> scopes) {
        validate(uri, name, scopes);
        return db.inTransaction(tx -> save(tx, uri, name, scopes));
    }

    public Saved save(Tx tx, String uri, String name, List<String> scopes) {
        validate(uri, name, scopes);
        List<String> distinct = scopes.stream().distinct().toList();
        if (resources.findByUri(tx, uri).isPresent()) {
            resources.update(tx, uri, name.strip(), distinct);
            return new Saved(resources.findByUri(tx, uri).orElseThrow(), false);
        }
        ProtectedResource created = new ProtectedResource(ids.next(), uri, name.strip(), distinct,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        resources.insert(tx, created);
        return new Saved(created, true);
    }

    public List<ProtectedResource> list() {
        return db.read(resources::list);
    }

    public Optional<ProtectedResource> find(String uri) {
        return db.read(tx -> resources.findByUri(tx, uri));
    }

    /** Names the bad field: {@code uri}, {@code name} or {@code scopes[i]}. */
    public void validate(String uri, String name, List<String> scopes) {
        checkUri(uri);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) throw OAuthException.validation("name", "Name is required (at most 100 characters)");
        if (!DisplayText.isSafe(n)) throw OAuthException.validation("name", "Name contains control or text-direction characters");
        scopeCheck.check("scopes", scopes == null ? List.of() : scopes);
    }

    /** RFC 8707 §2: an absolute URI without a fragment; https, or http on a loopback host for development. */
    private static void checkUri(String uri) {
        try {
            URI parsed = new URI(uri == null ? "" : uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
            boolean secure = scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host));
            if (parsed.isAbsolute() && !host.isEmpty() && secure && parsed.getRawFragment() == null
                    && parsed.getRawUserInfo() == null && uri.length() <= 2000) {
                return;
            }
        } catch (URISyntaxException e) {
            // falls through to the validation error
        }
        throw OAuthException.validation("uri", "Resource URI must be an absolute https URL without a fragment");
    }
}

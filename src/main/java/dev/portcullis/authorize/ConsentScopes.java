package dev.portcullis.authorize;

import dev.portcullis.authorize.ConsentView.ScopeLine;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The consent page's scopes in plain words: the OpenID Connect identity scopes as one "Your
 * profile" line, {@code X:read} and {@code X:read-write} as one line per resource (read-write
 * implies read, so the wider one speaks for both), offline access last. Descriptions come from the
 * scope catalogue, so an operator's own scopes read as they wrote them.
 */
final class ConsentScopes {
    private static final List<String> IDENTITY = List.of("openid", "profile", "email");
    private static final String OFFLINE = "offline_access";
    private static final String READ = ":read";
    private static final String READ_WRITE = ":read-write";
    private final ScopeCatalog catalog;

    ConsentScopes(ScopeCatalog catalog) {
        this.catalog = catalog;
    }

    List<ScopeLine> lines(List<String> granted) {
        List<ScopeLine> out = new ArrayList<>();
        List<String> identity = granted.stream().filter(IDENTITY::contains).toList();
        if (!identity.isEmpty()) {
            out.add(new ScopeLine("Your profile", profileAccess(identity),
                    String.join("; ", identity.stream().map(this::describe).toList()), identity));
        }
        Map<String, List<String>> byResource = new LinkedHashMap<>();
        for (String scope : granted) {
            if (IDENTITY.contains(scope) || scope.equals(OFFLINE)) continue;
            byResource.computeIfAbsent(resource(scope), r -> new ArrayList<>()).add(scope);
        }
        byResource.forEach((resource, scopes) -> out.add(resourceLine(resource, scopes)));
        if (granted.contains(OFFLINE)) {
            out.add(new ScopeLine("Stay connected", "offline access", describe(OFFLINE), List.of(OFFLINE)));
        }
        return out;
    }

    private ScopeLine resourceLine(String resource, List<String> scopes) {
        String heading = humanise(resource);
        if (scopes.contains(resource + READ_WRITE)) {
            return new ScopeLine(heading, "read and change", describe(resource + READ_WRITE), scopes);
        }
        if (scopes.equals(List.of(resource + READ))) return new ScopeLine(heading, "read only", describe(resource + READ), scopes);
        // Scopes of other shapes (an operator's own): each described as the catalogue says.
        return new ScopeLine(heading, "", String.join("; ", scopes.stream().map(this::describe).toList()), scopes);
    }

    private static String profileAccess(List<String> identity) {
        boolean name = identity.contains("profile");
        boolean email = identity.contains("email");
        if (name && email) return "name and email";
        if (name) return "name";
        if (email) return "email address";
        return "who you are";
    }

    private String describe(String scope) {
        return catalog.find(Scope.of(scope)).map(ScopeCatalog.Entry::description).orElse(scope);
    }

    /** {@code task:read-write} belongs to {@code task}; a scope without a colon is its own resource. */
    private static String resource(String scope) {
        int colon = scope.indexOf(':');
        return colon > 0 ? scope.substring(0, colon) : scope;
    }

    /** {@code user_management} reads "User management". */
    private static String humanise(String resource) {
        String words = resource.replace('_', ' ').replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}

package dev.portcullis.web.dashboard;

import dev.portcullis.http.Params;
import dev.portcullis.scopes.ScopeCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One scope checkbox: the catalogue's scopes that a form offers, plus any the thing already holds
 * that the catalogue no longer lists (so saving a form never drops them silently). Each box is its
 * own field, {@code scope.<name>}, because a repeated form field is refused (RFC 6749 §3.1).
 */
public record ScopeChoice(String name, String description, boolean checked) {
    public static final String PREFIX = "scope.";

    public String field() {
        return PREFIX + name;
    }

    /** An id safe for {@code label for}: scope names hold ':' which CSS selectors would need escaped. */
    public String id() {
        return "scope-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public static List<ScopeChoice> of(ScopeCatalog catalog, Predicate<String> offered, Collection<String> checked) {
        List<ScopeChoice> out = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (ScopeCatalog.Entry e : catalog.entries()) {
            String name = e.scope().name();
            if (!offered.test(name) && !checked.contains(name)) continue;
            listed.add(name);
            out.add(new ScopeChoice(name, e.description(), checked.contains(name)));
        }
        for (String name : checked) {
            if (listed.add(name)) out.add(new ScopeChoice(name, "Not in the scope catalogue", true));
        }
        return out;
    }

    /** The ticked boxes among {@code choices}; a box is ticked when its field is present and non-empty. */
    public static List<String> ticked(List<ScopeChoice> choices, Params form) {
        return choices.stream().map(ScopeChoice::name).filter(n -> form.get(PREFIX + n).isPresent()).toList();
    }
}

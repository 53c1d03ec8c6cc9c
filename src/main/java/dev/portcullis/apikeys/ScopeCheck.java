package dev.portcullis.apikeys;

import dev.portcullis.error.OAuthException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides whether a list of scopes may be stored, naming the offending field and index. The
 * catalogue-backed check replaces {@link #syntaxOnly()} once the scope catalogue is wired.
 */
@FunctionalInterface
public interface ScopeCheck {
    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    /** Throws a validation error on {@code field[i]} for the first scope refused. */
    void check(String field, List<String> scopes);

    /** Syntax, then membership of the catalogue: e.g. {@code ScopeCheck.known(n -> catalog.isKnown(Scope.of(n)))}. */
    static ScopeCheck known(Predicate<String> isKnown) {
        ScopeCheck syntax = syntaxOnly();
        return (field, scopes) -> {
            syntax.check(field, scopes);
            for (int i = 0; i < scopes.size(); i++) {
                if (!isKnown.test(scopes.get(i))) throw OAuthException.validation(field + "[" + i + "]", "unknown scope " + scopes.get(i));
            }
        };
    }

    static ScopeCheck syntaxOnly() {
        return (field, scopes) -> {
            for (int i = 0; i < scopes.size(); i++) {
                String scope = scopes.get(i);
                if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                    throw OAuthException.validation(field + "[" + i + "]", "not a valid scope (RFC 6749 §3.3 scope-token)");
                }
            }
        };
    }
}

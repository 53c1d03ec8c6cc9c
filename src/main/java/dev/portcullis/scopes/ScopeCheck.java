package dev.portcullis.scopes;

import dev.portcullis.error.OAuthException;
import java.util.List;

/**
 * Decides whether a list of scopes may be stored, naming the offending field and index: the
 * syntax is {@link Scope#isValid}, membership is {@link ScopeCatalog#isKnown(String)}.
 */
@FunctionalInterface
public interface ScopeCheck {
    /** Throws a validation error on {@code field[i]} for the first scope refused. */
    void check(String field, List<String> scopes);

    /** Syntax, then membership of the catalogue. */
    static ScopeCheck known(ScopeCatalog catalog) {
        ScopeCheck syntax = syntaxOnly();
        return (field, scopes) -> {
            syntax.check(field, scopes);
            for (int i = 0; i < scopes.size(); i++) {
                if (!catalog.isKnown(scopes.get(i))) throw OAuthException.validation(field + "[" + i + "]", "unknown scope " + scopes.get(i));
            }
        };
    }

    static ScopeCheck syntaxOnly() {
        return (field, scopes) -> {
            for (int i = 0; i < scopes.size(); i++) {
                String scope = scopes.get(i);
                if (!Scope.isValid(scope)) {
                    throw OAuthException.validation(field + "[" + i + "]", "not a valid scope (RFC 6749 §3.3 scope-token)");
                }
            }
        };
    }
}

package dev.portcullis.scopes;

import java.util.Set;

/**
 * Which scopes a granted scope brings with it (for example {@code task:read-write} brings
 * {@code task:read}). The scope catalogue answers this; {@link #NONE} is for plain lists such
 * as the scopes a route requires.
 */
@FunctionalInterface
public interface ScopeImplications {
    ScopeImplications NONE = scope -> Set.of();

    /** The scopes {@code scope} implies directly; {@link ScopeSet} follows them transitively. */
    Set<Scope> impliedBy(Scope scope);
}

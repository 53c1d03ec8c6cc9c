package dev.portcullis.scopes;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable set of scopes in the order first declared, plus everything they imply. The
 * declared scopes are what a credential reports ({@link #toString()}); the implied ones only
 * widen what it {@link #satisfies}, one way: read-write satisfies read, never the reverse.
 */
public final class ScopeSet implements Iterable<Scope> {
    public static final ScopeSet EMPTY = new ScopeSet(List.of(), Set.of());

    /** Bounds the work a hostile scope parameter can cause. */
    static final int MAX_SCOPES = 100;

    private final List<Scope> declared;
    private final Set<Scope> effective;

    private ScopeSet(List<Scope> declared, Set<Scope> effective) {
        this.declared = declared;
        this.effective = effective;
    }

    /**
     * RFC 6749 §3.3: space-delimited scope tokens. Null or blank is the empty set; a bad token
     * or too many of them is invalid_scope. Duplicates collapse to the first occurrence.
     */
    public static ScopeSet parse(String raw, ScopeImplications implications) {
        if (raw == null || raw.isBlank()) return EMPTY;
        if (raw.length() > MAX_SCOPES * (Scope.MAX_LENGTH + 1)) throw tooMany();
        List<Scope> scopes = new java.util.ArrayList<>();
        for (String token : raw.split(" ")) {
            if (token.isEmpty()) continue;
            scopes.add(new Scope(token));
        }
        return of(scopes, implications);
    }

    public static ScopeSet of(Collection<Scope> scopes, ScopeImplications implications) {
        LinkedHashSet<Scope> declared = new LinkedHashSet<>(scopes);
        if (declared.size() > MAX_SCOPES) throw tooMany();
        return new ScopeSet(List.copyOf(declared), Collections.unmodifiableSet(closure(declared, implications)));
    }

    /** A plain list without implications, e.g. the scopes a route requires. */
    public static ScopeSet of(String... names) {
        return of(java.util.Arrays.stream(names).map(Scope::new).toList(), ScopeImplications.NONE);
    }

    /** True when every scope of {@code required} is declared here or implied by one that is. */
    public boolean satisfies(ScopeSet required) {
        return effective.containsAll(required.declared);
    }

    /** The names of the scopes of {@code required} this set lacks, in {@code required}'s order. */
    public List<String> missing(ScopeSet required) {
        return required.declared.stream().filter(s -> !effective.contains(s)).map(Scope::name).toList();
    }

    /** Whether {@code scope} is declared or implied. */
    public boolean grants(Scope scope) {
        return effective.contains(scope);
    }

    /** Whether {@code scope} was itself declared (not merely implied). */
    public boolean declares(Scope scope) {
        return declared.contains(scope);
    }

    /** The declared scopes, in declaration order. */
    public List<Scope> scopes() {
        return declared;
    }

    public List<String> names() {
        return declared.stream().map(Scope::name).toList();
    }

    public boolean isEmpty() {
        return declared.isEmpty();
    }

    @Override
    public Iterator<Scope> iterator() {
        return declared.iterator();
    }

    /** Two sets are equal when they declare the same scopes, in whatever order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ScopeSet other && Set.copyOf(declared).equals(Set.copyOf(other.declared));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(declared).hashCode();
    }

    /** Space-separated declared scopes in declaration order: the wire form (RFC 6749 §3.3). */
    @Override
    public String toString() {
        return String.join(" ", names());
    }

    private static Set<Scope> closure(Set<Scope> declared, ScopeImplications implications) {
        Set<Scope> out = new LinkedHashSet<>(declared);
        Deque<Scope> todo = new ArrayDeque<>(declared);
        while (!todo.isEmpty()) {
            for (Scope implied : implications.impliedBy(todo.pop())) {
                if (out.add(implied)) todo.push(implied);
            }
        }
        return out;
    }

    private static OAuthException tooMany() {
        return new OAuthException(new OAuthError.InvalidScope("Too many scopes (at most " + MAX_SCOPES + ")"));
    }
}

package dev.portcullis.scopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeSetTest {
    /** task:read-write -> task:read, and a chain admin -> task:read-write to check transitivity. */
    static final ScopeImplications RULES = scope -> Map.of(
            Scope.of("task:read-write"), Set.of(Scope.of("task:read")),
            Scope.of("admin"), Set.of(Scope.of("task:read-write"))).getOrDefault(scope, Set.of());

    @Test
    void parseKeepsDeclaredOrderAndDropsDuplicatesAndExtraSpaces() {
        ScopeSet set = ScopeSet.parse("  task:read  openid task:read email ", RULES);
        assertEquals(List.of("task:read", "openid", "email"), set.names());
        assertEquals("task:read openid email", set.toString());
    }

    @Test
    void parseWhenNullOrBlankThenEmpty() {
        assertTrue(ScopeSet.parse(null, RULES).isEmpty());
        assertTrue(ScopeSet.parse("   ", RULES).isEmpty());
        assertEquals("", ScopeSet.EMPTY.toString());
    }

    @Test
    void parseWhenBadCharactersThenInvalidScope() {
        for (String bad : List.of("task\"read", "task\\read", "tâsk", "a\tb", "x\u0000y")) {
            OAuthException e = assertThrows(OAuthException.class, () -> ScopeSet.parse(bad, RULES), bad);
            assertTrue(e.error() instanceof OAuthError.InvalidScope, bad);
        }
    }

    @Test
    void parseWhenTooManyOrTooLongThenInvalidScope() {
        String many = String.join(" ", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "s" + i).toList());
        assertThrows(OAuthException.class, () -> ScopeSet.parse(many, RULES));
        assertThrows(OAuthException.class, () -> ScopeSet.parse("a".repeat(129), RULES));
    }

    @Test
    void readWriteSatisfiesReadButReadDoesNotSatisfyReadWrite() {
        ScopeSet readWrite = ScopeSet.parse("task:read-write", RULES);
        ScopeSet read = ScopeSet.parse("task:read", RULES);
        assertTrue(readWrite.satisfies(ScopeSet.of("task:read")));
        assertFalse(read.satisfies(ScopeSet.of("task:read-write")));
        assertEquals(List.of("task:read-write"), read.missing(ScopeSet.of("task:read-write")));
    }

    @Test
    void implicationsAreTransitive() {
        ScopeSet admin = ScopeSet.parse("admin", RULES);
        assertTrue(admin.satisfies(ScopeSet.of("task:read", "task:read-write")));
        assertTrue(admin.grants(Scope.of("task:read")));
        assertFalse(admin.declares(Scope.of("task:read")));
        assertEquals("admin", admin.toString(), "implied scopes are not reported as declared");
    }

    @Test
    void missingNamesEveryAbsentScopeInRequiredOrder() {
        ScopeSet granted = ScopeSet.parse("user_management:read task:read", RULES);
        ScopeSet required = ScopeSet.of("task:read", "object_configuration:read", "record_permission:read", "user_management:read");
        assertFalse(granted.satisfies(required));
        assertEquals(List.of("object_configuration:read", "record_permission:read"), granted.missing(required));
        assertTrue(granted.missing(ScopeSet.EMPTY).isEmpty());
        assertTrue(ScopeSet.EMPTY.satisfies(ScopeSet.EMPTY));
    }

    @Test
    void equalityIgnoresOrder() {
        assertEquals(ScopeSet.parse("a b", RULES), ScopeSet.parse("b a", RULES));
        assertEquals(ScopeSet.parse("a b", RULES).hashCode(), ScopeSet.parse("b a a", RULES).hashCode());
    }

    @Test
    void scopeRejectsEmptyAndAcceptsPrintableAscii() {
        assertThrows(OAuthException.class, () -> Scope.of(""));
        assertThrows(OAuthException.class, () -> Scope.of(null));
        assertEquals("a!#[]~:/.", Scope.of("a!#[]~:/.").name());
    }
}

package dev.portcullis.scopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeCheckTest {
    @Test
    void syntaxOnlyAcceptsScopeTokensAndNamesTheFirstBadOne() {
        ScopeCheck check = ScopeCheck.syntaxOnly();
        check.check("scopes", List.of("task:read", "openid", "x-y.z/1"));
        assertEquals("scopes[1]", field(() -> check.check("scopes", List.of("openid", "two words"))));
        assertEquals("scopes[0]", field(() -> check.check("scopes", List.of("back\\slash"))));
        assertEquals("scopes[0]", field(() -> check.check("scopes", List.of(""))));
        assertEquals("scopes[0]", field(() -> check.check("scopes", java.util.Arrays.asList((String) null))));
    }

    @Test
    void knownAlsoRefusesScopesOutsideTheCatalogue() {
        ScopeCheck check = ScopeCheck.known(ScopeCatalog.builtIn());
        check.check("scopes", List.of("openid", "task:read"));
        assertEquals("scopes[1]", field(() -> check.check("scopes", List.of("openid", "tasks:write"))));
    }

    @Test
    void syntaxIsTheOneRuleOfScopeSoItsLengthLimitHoldsHereToo() {
        ScopeCheck check = ScopeCheck.syntaxOnly();
        check.check("scopes", List.of("a".repeat(128)));
        assertEquals("scopes[0]", field(() -> check.check("scopes", List.of("a".repeat(129)))));
    }

    private static String field(Runnable call) {
        var e = assertThrows(OAuthException.class, call::run);
        return ((Failure.Validation) e.error()).field();
    }
}

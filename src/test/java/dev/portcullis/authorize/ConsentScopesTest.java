package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.authorize.ConsentView.ScopeLine;
import dev.portcullis.scopes.ScopeCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The consent page's scope lines: identity first, one line per resource with read and read-write folded, offline last. */
class ConsentScopesTest {
    private final ConsentScopes scopes = new ConsentScopes(ScopeCatalog.builtIn());

    @Test
    void readAndReadWriteOfOneResourceFoldIntoOneLineInTheWiderScopesWords() {
        assertEquals(List.of(new ScopeLine("Task", "read and change", "See, create, change and delete tasks",
                        List.of("task:read-write", "task:read"))),
                scopes.lines(List.of("task:read-write", "task:read")));
        assertEquals(List.of(new ScopeLine("User management", "read only", "See who is a member of the workspace",
                List.of("user_management:read"))), scopes.lines(List.of("user_management:read")));
    }

    @Test
    void identityScopesComeFirstAsOneLineAndOfflineAccessLast() {
        List<ScopeLine> lines = scopes.lines(List.of("offline_access", "note:read", "email", "openid"));
        assertEquals(List.of("Your profile", "Note", "Stay connected"), lines.stream().map(ScopeLine::heading).toList());
        assertEquals(new ScopeLine("Your profile", "email address", "See your email address; Confirm who you are (sign you in)",
                List.of("email", "openid")), lines.getFirst());
        assertEquals("who you are", scopes.lines(List.of("openid")).getFirst().access());
        assertEquals("name and email", scopes.lines(List.of("openid", "profile", "email")).getFirst().access());
    }

    @Test
    void aScopeOfAnotherShapeKeepsItsOwnLineInTheCataloguesWordsOrItsName() {
        assertEquals(List.of(new ScopeLine("Mcp", "", "mcp:tools", List.of("mcp:tools"))), scopes.lines(List.of("mcp:tools")));
    }
}

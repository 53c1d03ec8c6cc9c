package dev.portcullis.scopes;

import dev.portcullis.config.ConfigException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeCatalogTest {
    static final List<String> CATALOGUE_SCOPES = List.of("object_configuration:read", "record_permission:read",
            "record_permission:read-write", "list_entry:read", "list_entry:read-write", "note:read", "note:read-write",
            "task:read", "task:read-write", "user_management:read", "webhook:read", "webhook:read-write",
            "openid", "profile", "email", "offline_access");

    @Test
    void builtInHoldsEverySpecScopeWithADescription() {
        ScopeCatalog catalog = ScopeCatalog.builtIn();
        for (String name : CATALOGUE_SCOPES) {
            var entry = catalog.find(Scope.of(name)).orElseThrow(() -> new AssertionError(name));
            assertFalse(entry.description().isBlank(), name);
        }
        assertEquals(CATALOGUE_SCOPES.size(), catalog.entries().size());
    }

    @Test
    void builtInReadWriteImpliesReadOneWay() {
        ScopeCatalog catalog = ScopeCatalog.builtIn();
        for (String x : List.of("record_permission", "list_entry", "note", "task", "webhook")) {
            assertTrue(catalog.parse(x + ":read-write").satisfies(ScopeSet.of(x + ":read")), x);
            assertFalse(catalog.parse(x + ":read").satisfies(ScopeSet.of(x + ":read-write")), x);
        }
    }

    @Test
    void parseWhenUnknownScopeThenInvalidScopeNamingIt() {
        OAuthException e = assertThrows(OAuthException.class, () -> ScopeCatalog.builtIn().parse("task:read tasks:write"));
        assertTrue(e.error() instanceof OAuthError.InvalidScope);
        assertTrue(e.error().description().contains("tasks:write"), e.error().description());
    }

    @Test
    void storedKeepsScopesTheCatalogueNoLongerKnows() {
        ScopeSet stored = ScopeCatalog.builtIn().stored("task:read-write retired:scope");
        assertEquals("task:read-write retired:scope", stored.toString());
        assertTrue(stored.satisfies(ScopeSet.of("task:read")));
    }

    @Test
    void selfRegistrableExcludesWebhooks() {
        ScopeSet self = ScopeCatalog.builtIn().selfRegistrable();
        assertTrue(self.declares(Scope.of("task:read-write")));
        assertFalse(self.declares(Scope.of("webhook:read-write")));
    }

    @Test
    void operatorFileReplacesBuiltInAndReadWriteImpliesReadWithoutSaying() throws Exception {
        Path file = write("""
                {"scopes": [
                  {"name": "mcp:read", "description": "Read through the MCP server", "self_registration": true},
                  {"name": "mcp:read-write", "description": "Act through the MCP server", "implies": [], "self_registration": false}
                ]}""");
        ScopeCatalog catalog = ScopeCatalog.load(Optional.of(file));
        assertEquals(2, catalog.entries().size());
        assertFalse(catalog.isKnown(Scope.of("task:read")));
        assertTrue(catalog.parse("mcp:read-write").satisfies(ScopeSet.of("mcp:read")));
    }

    @Test
    void loadWithoutFileThenBuiltIn() {
        assertEquals(ScopeCatalog.builtIn().entries(), ScopeCatalog.load(Optional.empty()).entries());
    }

    @Test
    void invalidFilesThenConfigExceptionNamingTheProblem() throws Exception {
        assertInvalid("{not json", "not a valid scope catalogue");
        assertInvalid("{\"scopes\": []}", "at least one scope");
        assertInvalid("{\"scopes\": [{\"name\": \"a b\", \"description\": \"x\", \"self_registration\": true}]}", "invalid scope name 'a b'");
        assertInvalid("{\"scopes\": [{\"name\": \"a\", \"description\": \" \", \"self_registration\": true}]}", "needs a description");
        assertInvalid("{\"scopes\": [{\"name\": \"a\", \"description\": \"x\", \"self_registration\": true},"
                + " {\"name\": \"a\", \"description\": \"y\", \"self_registration\": true}]}", "listed twice");
        assertInvalid("{\"scopes\": [{\"name\": \"a\", \"description\": \"x\", \"implies\": [\"b\"], \"self_registration\": true}]}",
                "implies unknown scope 'b'");
        assertInvalid("{\"scopes\": [{\"name\": \"a\", \"description\": \"x\", \"colour\": \"red\", \"self_registration\": true}]}",
                "colour");
        assertInvalid("{\"scopes\": [{\"name\": \"a\", \"description\": \"x\"}]}", "self_registration");
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ScopeCatalog.load(Optional.of(Path.of("/nonexistent/scopes.json"))));
        assertTrue(missing.getMessage().contains("PORTCULLIS_SCOPES_FILE"), missing.getMessage());
    }

    private static void assertInvalid(String json, String expected) throws Exception {
        Path file = write(json);
        ConfigException e = assertThrows(ConfigException.class, () -> ScopeCatalog.load(Optional.of(file)), json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static Path write(String json) throws Exception {
        Path file = TestDatabases.tempDir().resolve("scopes.json");
        Files.writeString(file, json);
        return file;
    }
}

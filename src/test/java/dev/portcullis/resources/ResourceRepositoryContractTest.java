package dev.portcullis.resources;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ResourceRepository}'s promises on both databases: one resource per URI, its scopes kept in order, listed by URI. */
@ParameterizedClass
@EnumSource(Db.class)
class ResourceRepositoryContractTest extends RepositoryContract {
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00.456Z");

    static final ResourceRepository resources = new SqlResourceRepository();
    static int ids;

    static ProtectedResource insert(String uri, String... scopes) {
        var resource = new ProtectedResource("res-" + (++ids), uri, "API at " + uri, List.of(scopes), NOW);
        database.inTransaction(tx -> {
            resources.insert(tx, resource);
            return null;
        });
        return resource;
    }

    static boolean update(String uri, String name, List<String> scopes) {
        return database.inTransaction(tx -> resources.update(tx, uri, name, scopes));
    }

    static Optional<ProtectedResource> find(String uri) {
        return database.read(tx -> resources.findByUri(tx, uri));
    }

    @Test
    void findByUriWhenInsertedThenTheSameResourceWithItsScopesInOrder() {
        ProtectedResource billing = insert("https://billing.example.com/api", "invoice:write", "invoice:read");
        assertEquals(Optional.of(billing), find("https://billing.example.com/api"));
        assertEquals(List.of("invoice:write", "invoice:read"), find(billing.uri()).orElseThrow().scopes());
    }

    @Test
    void findByUriWhenNoScopesThenAnEmptyList() {
        insert("https://empty.example.com");
        assertEquals(List.of(), find("https://empty.example.com").orElseThrow().scopes());
    }

    @Test
    void findByUriWhenUnknownOrDifferingInCaseOrSlashThenEmpty() {
        insert("https://api.example.com/v1", "a:read");
        assertTrue(find("https://api.example.com/v2").isEmpty());
        assertTrue(find("https://API.example.com/v1").isEmpty(), "a resource indicator is matched exactly");
        assertTrue(find("https://api.example.com/v1/").isEmpty());
    }

    @Test
    void insertWhenTheUriIsAlreadyRegisteredThenUniqueViolationAndTheFirstStays() {
        ProtectedResource first = insert("https://dup.example.com", "a:read");
        assertThrows(UniqueViolation.class, () -> insert("https://dup.example.com", "b:read"));
        assertEquals(Optional.of(first), find("https://dup.example.com"));
    }

    @Test
    void updateWhenRegisteredThenNameAndScopesReplacedAndIdAndCreatedAtKept() {
        ProtectedResource before = insert("https://crm.example.com", "contact:read");
        assertTrue(update(before.uri(), "CRM", List.of("contact:write", "deal:read")));
        assertEquals(new ProtectedResource(before.id(), before.uri(), "CRM", List.of("contact:write", "deal:read"), NOW),
                find(before.uri()).orElseThrow());
        assertTrue(update(before.uri(), "CRM", List.of()));
        assertEquals(List.of(), find(before.uri()).orElseThrow().scopes(), "scopes may become none");
    }

    @Test
    void updateWhenUnknownThenFalseAndNothingCreated() {
        assertFalse(update("https://ghost.example.com", "Ghost", List.of("x:read")));
        assertTrue(find("https://ghost.example.com").isEmpty());
    }

    @Test
    void listThenEveryResourceOrderedByUriNotByInsertion() {
        ProtectedResource c = insert("https://list.example.com/c");
        ProtectedResource a = insert("https://list.example.com/a", "a:read");
        ProtectedResource b = insert("https://list.example.com/b", "b:read", "b:write");
        List<ProtectedResource> all = database.read(resources::list);
        assertEquals(List.of(a, b, c), all.stream().filter(r -> r.uri().startsWith("https://list.example.com/")).toList());
        assertEquals((long) database.read(tx -> tx.count("SELECT count(*) AS n FROM protected_resources")), all.size(),
                "every resource, none twice");
    }
}

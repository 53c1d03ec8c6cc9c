package dev.portcullis.externallogin;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ExternalLinkRepository}'s promises on both databases: an external id names one user or
 * workspace for good, each is named by one external id, relinking keeps metadata unless new is given,
 * and links go with what they name.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ExternalLinkRepositoryContractTest extends RepositoryContract {
    static final ExternalLinkRepository links = new SqlExternalLinkRepository();

    static String user() {
        return database.inTransaction(tx -> Seed.user(tx, "Ada", NOW)).id();
    }

    static String workspace() {
        return database.inTransaction(tx -> Seed.workspace(tx, "Analytical", NOW)).id();
    }

    static String externalId() {
        return "user_01EXTERNAL" + Seed.next();
    }

    static void linkUser(String externalId, String user, Optional<String> metadata, Instant at) {
        database.inTransaction(tx -> {
            links.linkUser(tx, externalId, user, metadata, at);
            return null;
        });
    }

    static void linkWorkspace(String externalId, String workspace, Instant at) {
        database.inTransaction(tx -> {
            links.linkWorkspace(tx, externalId, workspace, at);
            return null;
        });
    }

    static Optional<String> userOf(String externalId) {
        return database.read(tx -> links.userOf(tx, externalId));
    }

    static Optional<String> workspaceOf(String externalId) {
        return database.read(tx -> links.workspaceOf(tx, externalId));
    }

    /** The stored metadata and updated_at of a user link. */
    record UserRow(Optional<String> metadata, Instant updatedAt) {}

    static UserRow userRow(String externalId) {
        return database.read(tx -> tx.queryOne("SELECT metadata, updated_at FROM external_users WHERE external_id = ?",
                r -> new UserRow(r.optionalText("metadata"), r.instant("updated_at")), externalId)).orElseThrow();
    }

    @Test
    void anUnlinkedExternalIdNamesNoUserAndNoWorkspace() {
        assertTrue(userOf("user_never_seen").isEmpty());
        assertTrue(workspaceOf("org_never_seen").isEmpty());
    }

    @Test
    void aLinkedUserIsFoundByTheExternalIdWithItsMetadata() {
        String ada = user();
        String external = externalId();
        linkUser(external, ada, Optional.of("{\"plan\":\"pro\"}"), NOW);
        assertEquals(Optional.of(ada), userOf(external));
        assertEquals(new UserRow(Optional.of("{\"plan\":\"pro\"}"), NOW), userRow(external));
        assertTrue(userOf(externalId()).isEmpty(), "another external id names nobody");
    }

    @Test
    void relinkingWithoutMetadataKeepsTheOldMetadataAndMovesUpdatedAt() {
        String ada = user();
        String external = externalId();
        linkUser(external, ada, Optional.of("{\"plan\":\"pro\"}"), NOW);
        linkUser(external, ada, Optional.empty(), NOW.plusSeconds(60));
        assertEquals(new UserRow(Optional.of("{\"plan\":\"pro\"}"), NOW.plusSeconds(60)), userRow(external));
    }

    @Test
    void relinkingWithMetadataReplacesIt() {
        String ada = user();
        String external = externalId();
        linkUser(external, ada, Optional.empty(), NOW);
        assertEquals(Optional.empty(), userRow(external).metadata());
        linkUser(external, ada, Optional.of("{\"plan\":\"team\"}"), NOW.plusSeconds(60));
        assertEquals(new UserRow(Optional.of("{\"plan\":\"team\"}"), NOW.plusSeconds(60)), userRow(external));
    }

    @Test
    void anExternalIdStaysLinkedToItsFirstUser() {
        String ada = user();
        String external = externalId();
        linkUser(external, ada, Optional.empty(), NOW);
        linkUser(external, user(), Optional.empty(), NOW.plusSeconds(60));
        assertEquals(Optional.of(ada), userOf(external));
    }

    @Test
    void aUserLinkedUnderASecondExternalIdIsAUniqueViolation() {
        String ada = user();
        String first = externalId();
        linkUser(first, ada, Optional.empty(), NOW);
        String second = externalId();
        assertThrows(UniqueViolation.class, () -> linkUser(second, ada, Optional.empty(), NOW));
        assertTrue(userOf(second).isEmpty());
        assertEquals(Optional.of(ada), userOf(first));
    }

    @Test
    void deletingTheUserTakesItsLink() {
        String ada = user();
        String external = externalId();
        linkUser(external, ada, Optional.empty(), NOW);
        database.inTransaction(tx -> tx.update("DELETE FROM users WHERE id = ?", ada));
        assertTrue(userOf(external).isEmpty());
    }

    @Test
    void aLinkedWorkspaceIsFoundByTheExternalIdAndStaysLinkedToItsFirstWorkspace() {
        String analytical = workspace();
        String external = "org_" + Seed.next();
        linkWorkspace(external, analytical, NOW);
        assertEquals(Optional.of(analytical), workspaceOf(external));
        linkWorkspace(external, workspace(), NOW.plusSeconds(60));
        assertEquals(Optional.of(analytical), workspaceOf(external));
        assertEquals(NOW.plusSeconds(60), database.read(tx -> tx.queryOne("SELECT updated_at FROM external_workspaces WHERE external_id = ?",
                r -> r.instant("updated_at"), external)).orElseThrow(), "relinking moves updated_at");
    }

    @Test
    void aWorkspaceLinkedUnderASecondExternalIdIsAUniqueViolation() {
        String analytical = workspace();
        String first = "org_" + Seed.next();
        linkWorkspace(first, analytical, NOW);
        String second = "org_" + Seed.next();
        assertThrows(UniqueViolation.class, () -> linkWorkspace(second, analytical, NOW));
        assertTrue(workspaceOf(second).isEmpty());
        assertEquals(Optional.of(analytical), workspaceOf(first));
    }

    @Test
    void deletingTheWorkspaceTakesItsLink() {
        String analytical = workspace();
        String external = "org_" + Seed.next();
        linkWorkspace(external, analytical, NOW);
        database.inTransaction(tx -> tx.update("DELETE FROM workspaces WHERE id = ?", analytical));
        assertTrue(workspaceOf(external).isEmpty());
    }
}

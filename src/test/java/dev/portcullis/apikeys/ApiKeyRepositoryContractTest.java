package dev.portcullis.apikeys;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ApiKeyRepository}'s promises on both databases: one name per workspace, reads confined to
 * the workspace, the resolver's look-up by hash with the creator's membership while it lasts, and
 * last-used times for any number of keys.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ApiKeyRepositoryContractTest extends RepositoryContract {
    static final ScopeCatalog SCOPES = ScopeCatalog.builtIn();

    static ApiKeyFixture fixture;
    static final ApiKeyRepository keys = new SqlApiKeyRepository();
    static int serial;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        fixture = new ApiKeyFixture(database);
    }

    static void write(Consumer<Tx> work) {
        database.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Whether a write found its row. */
    static boolean did(Function<Tx, Boolean> act) {
        return database.inTransaction(act);
    }

    static ApiKeyFixture.Workspace workspace() {
        return fixture.workspace("ws-" + (++serial));
    }

    /** Stores {@code key}; the hash it is stored under. */
    static SecretHash insert(ApiKey key) {
        SecretHash hash = SecretHash.of("sk secret " + key.id());
        write(tx -> keys.insert(tx, key, hash));
        return hash;
    }

    static ApiKey key(String workspaceId, String name, Optional<String> creator, Instant createdAt) {
        return new ApiKey("key-" + (++serial), workspaceId, name, List.of("task:read", "note:read"), "sk_…" + serial, creator,
                createdAt, Optional.of(NOW.plusSeconds(86_400)), Optional.empty());
    }

    static Optional<ApiKey> find(String workspaceId, String id) {
        return database.read(tx -> keys.find(tx, workspaceId, id));
    }

    @Test
    void insertThenFindAndFindByNameReadItBackOnlyInItsWorkspace() {
        var ws = workspace();
        var elsewhere = workspace();
        ApiKey key = key(ws.id(), "ci", Optional.of(ws.adminUserId()), NOW);
        insert(key);
        assertEquals(Optional.of(key), find(ws.id(), key.id()));
        assertEquals(Optional.of(key), database.read(tx -> keys.findByName(tx, ws.id(), "ci")));
        assertEquals(Optional.empty(), find(elsewhere.id(), key.id()), "another workspace cannot see it");
        assertEquals(Optional.empty(), database.read(tx -> keys.findByName(tx, elsewhere.id(), "ci")));
    }

    @Test
    void insertWhenNameTakenInTheWorkspaceThenUniqueViolationButFreeElsewhere() {
        var ws = workspace();
        var elsewhere = workspace();
        insert(key(ws.id(), "deploy", Optional.empty(), NOW));
        assertThrows(UniqueViolation.class, () -> insert(key(ws.id(), "deploy", Optional.empty(), NOW)));
        ApiKey same = key(elsewhere.id(), "deploy", Optional.empty(), NOW);
        insert(same);
        assertEquals(Optional.of(same), find(elsewhere.id(), same.id()));
    }

    @Test
    void listByWorkspaceOldestFirstAndOnlyItsOwn() {
        var ws = workspace();
        ApiKey newer = key(ws.id(), "newer", Optional.empty(), NOW.plusSeconds(5));
        ApiKey older = key(ws.id(), "older", Optional.empty(), NOW);
        insert(newer);
        insert(older);
        insert(key(workspace().id(), "not ours", Optional.empty(), NOW));
        assertEquals(List.of(older, newer), database.read(tx -> keys.listByWorkspace(tx, ws.id())));
    }

    @Test
    void updateSetsNameScopesAndExpiryOfThatKeyOnly() {
        var ws = workspace();
        ApiKey key = key(ws.id(), "before", Optional.empty(), NOW);
        ApiKey other = key(ws.id(), "other", Optional.empty(), NOW);
        insert(key);
        insert(other);
        assertTrue(did(tx -> keys.update(tx, key.id(), "after", List.of("task:read-write"), Optional.empty())));
        ApiKey updated = find(ws.id(), key.id()).orElseThrow();
        assertEquals("after", updated.name());
        assertEquals(List.of("task:read-write"), updated.scopes());
        assertEquals(Optional.empty(), updated.expiresAt());
        assertEquals(key.hint(), updated.hint());
        assertEquals(Optional.of(other), find(ws.id(), other.id()));
        assertFalse(did(tx -> keys.update(tx, "no-such-key", "x", List.of(), Optional.empty())));
        assertThrows(UniqueViolation.class,
                () -> database.inTransaction(tx -> keys.update(tx, other.id(), "after", List.of(), Optional.empty())));
    }

    @Test
    void deleteRemovesTheKeyOnce() {
        var ws = workspace();
        ApiKey key = key(ws.id(), "doomed", Optional.empty(), NOW);
        SecretHash hash = insert(key);
        assertTrue(did(tx -> keys.delete(tx, key.id())));
        assertFalse(did(tx -> keys.delete(tx, key.id())), "once");
        assertEquals(Optional.empty(), find(ws.id(), key.id()));
        assertEquals(Optional.empty(), database.read(tx -> keys.findCredential(tx, hash, SCOPES)));
    }

    @Test
    void findCredentialNamesTheWorkspaceAndTheCreatorsMembershipWhileItLasts() {
        var ws = workspace();
        ApiKey key = key(ws.id(), "bot", Optional.of(ws.adminUserId()), NOW);
        SecretHash hash = insert(key);
        var workspace = new Credential.Workspace(ws.id(), ws.name(), ws.slug(), Optional.of("https://example.com/" + ws.slug() + ".png"));
        assertEquals(Optional.of(new ApiKeyCredential(key.id(), workspace, SCOPES.stored("task:read note:read"),
                        Optional.of(ws.adminUserId()), Optional.of(ws.adminMemberId()), NOW, key.expiresAt())),
                database.read(tx -> keys.findCredential(tx, hash, SCOPES)));

        write(tx -> tx.update("DELETE FROM memberships WHERE id = ?", ws.adminMemberId()));
        ApiKeyCredential afterRemoval = database.read(tx -> keys.findCredential(tx, hash, SCOPES)).orElseThrow();
        assertEquals(Optional.of(ws.adminUserId()), afterRemoval.createdByUserId());
        assertEquals(Optional.empty(), afterRemoval.authorizedByMemberId(), "a former member authorizes nothing");

        assertEquals(Optional.empty(), database.read(tx -> keys.findCredential(tx, SecretHash.of("never issued"), SCOPES)));
    }

    @Test
    void findCredentialWhenOperatorMadeTheKeyThenNoCreator() {
        var ws = workspace();
        SecretHash hash = insert(key(ws.id(), "imported", Optional.empty(), NOW));
        ApiKeyCredential found = database.read(tx -> keys.findCredential(tx, hash, SCOPES)).orElseThrow();
        assertEquals(Optional.empty(), found.createdByUserId());
        assertEquals(Optional.empty(), found.authorizedByMemberId());
    }

    @Test
    void markUsedSetsTheTimeOfTheNamedKeysOnlyHoweverManyIdsAreGiven() {
        var ws = workspace();
        ApiKey a = key(ws.id(), "a", Optional.empty(), NOW);
        ApiKey b = key(ws.id(), "b", Optional.empty(), NOW);
        ApiKey untouched = key(ws.id(), "untouched", Optional.empty(), NOW);
        insert(a);
        insert(b);
        insert(untouched);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) ids.add("unknown-" + i);
        ids.add(3, a.id());
        ids.add(b.id());
        Instant used = NOW.plusSeconds(42);
        write(tx -> keys.markUsed(tx, ids, used));
        write(tx -> keys.markUsed(tx, List.of(), NOW.plusSeconds(99)));
        assertEquals(Optional.of(used), find(ws.id(), a.id()).orElseThrow().lastUsedAt());
        assertEquals(Optional.of(used), find(ws.id(), b.id()).orElseThrow().lastUsedAt(), "past the first chunk");
        assertEquals(Optional.empty(), find(ws.id(), untouched.id()).orElseThrow().lastUsedAt());
    }
}

package dev.portcullis.identity;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link WorkspaceRepository}'s promises on both databases: one workspace per slug, and a lock that holds until commit. */
@ParameterizedClass
@EnumSource(Db.class)
class WorkspaceRepositoryContractTest extends RepositoryContract {
    static final WorkspaceRepository workspaces = new SqlWorkspaceRepository();

    static Workspace insert(String slug, String name, Optional<String> logo) {
        Workspace w = new Workspace("workspace-" + Seed.next(), slug, name, logo, NOW);
        database.inTransaction(tx -> {
            workspaces.insert(tx, w);
            return null;
        });
        return w;
    }

    static String freshSlug() {
        return "slug-" + Seed.next();
    }

    @Test
    void anInsertedWorkspaceIsFoundByIdAndBySlugWithOrWithoutALogo() {
        Workspace logo = insert(freshSlug(), "Analytical", Optional.of("https://example.com/logo.png"));
        Workspace plain = insert(freshSlug(), "Difference", Optional.empty());
        assertEquals(Optional.of(logo), database.read(tx -> workspaces.findById(tx, logo.id())));
        assertEquals(Optional.of(logo), database.read(tx -> workspaces.findBySlug(tx, logo.slug())));
        assertEquals(Optional.of(plain), database.read(tx -> workspaces.findById(tx, plain.id())));
        assertTrue(database.read(tx -> workspaces.findById(tx, "no-such-workspace")).isEmpty());
        assertTrue(database.read(tx -> workspaces.findBySlug(tx, "no-such-slug")).isEmpty());
    }

    @Test
    void aTakenSlugIsAUniqueViolationAndSlugTakenSaysSo() {
        String slug = freshSlug();
        Workspace first = insert(slug, "First", Optional.empty());
        assertThrows(UniqueViolation.class, () -> insert(slug, "Second", Optional.empty()));
        assertEquals(Optional.of(first), database.read(tx -> workspaces.findBySlug(tx, slug)));
        boolean taken = database.read(tx -> workspaces.slugTaken(tx, slug));
        boolean free = database.read(tx -> workspaces.slugTaken(tx, freshSlug()));
        assertTrue(taken);
        assertFalse(free);
    }

    @Test
    void renameChangesTheNameOfThatWorkspaceOnlyAndKeepsItsSlug() {
        Workspace renamed = insert(freshSlug(), "Old name", Optional.empty());
        Workspace other = insert(freshSlug(), "Old name", Optional.empty());
        boolean done = database.inTransaction(tx -> workspaces.rename(tx, renamed.id(), "New name"));
        boolean unknown = database.inTransaction(tx -> workspaces.rename(tx, "no-such-workspace", "x"));
        assertTrue(done);
        assertFalse(unknown);
        Workspace found = database.read(tx -> workspaces.findById(tx, renamed.id())).orElseThrow();
        assertEquals("New name", found.name());
        assertEquals(renamed.slug(), found.slug());
        assertEquals(Optional.of(other), database.read(tx -> workspaces.findById(tx, other.id())));
    }

    @Test
    void lockAnswersWhetherTheWorkspaceExistsAndChangesNothing() {
        Workspace w = insert(freshSlug(), "Locked", Optional.of("https://example.com/l.png"));
        boolean locked = database.inTransaction(tx -> workspaces.lock(tx, w.id()));
        boolean unknown = database.inTransaction(tx -> workspaces.lock(tx, "no-such-workspace"));
        assertTrue(locked);
        assertFalse(unknown);
        assertEquals(Optional.of(w), database.read(tx -> workspaces.findById(tx, w.id())));
    }

    /** The last-admin rule counts admins under this lock: a second locker must wait for the first to commit. */
    @Test
    void aSecondLockOfTheSameWorkspaceWaitsUntilTheFirstTransactionCommits() throws Exception {
        Workspace w = insert(freshSlug(), "Contended", Optional.empty());
        var pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstHolds = new CountDownLatch(1);
            Future<Long> firstDoneAt = pool.submit(() -> database.inTransaction(tx -> {
                workspaces.lock(tx, w.id());
                firstHolds.countDown();
                sleep(400);
                return System.nanoTime();
            }));
            assertTrue(firstHolds.await(10, TimeUnit.SECONDS));
            Future<Long> secondLockedAt = pool.submit(() -> database.inTransaction(tx -> {
                workspaces.lock(tx, w.id());
                return System.nanoTime();
            }));
            assertTrue(secondLockedAt.get(10, TimeUnit.SECONDS) > firstDoneAt.get(10, TimeUnit.SECONDS),
                    "the second lock is granted only after the first transaction's work is done");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

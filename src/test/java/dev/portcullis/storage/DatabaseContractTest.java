package dev.portcullis.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The storage layer's promises, on both databases. */
class DatabaseContractTest {

    private static final String INSERT_USER =
            "INSERT INTO users (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)";

    @ParameterizedTest
    @EnumSource(Db.class)
    void migrateThenTablesExistAndSecondOpenIsNoOp(Db db) {
        var storage = TestDatabases.fresh(db);
        try (Database first = Database.open(storage)) {
            assertEquals(0L, users(first));
            first.inTransaction(tx -> tx.update(INSERT_USER, "u1", "A@x.io", "a@x.io", "A", "h", Instant.EPOCH));
        }
        try (Database again = Database.open(storage)) {
            assertEquals(1L, users(again));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void transactionWhenWorkThrowsThenNothingIsWritten(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            assertThrows(IllegalStateException.class, () -> database.inTransaction(tx -> {
                tx.update(INSERT_USER, "u1", "a@x.io", "a@x.io", "A", "h", Instant.EPOCH);
                throw new IllegalStateException("boom");
            }));
            assertEquals(0L, users(database));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void instantsRoundTripAsUtcMillis(Db db) {
        Instant at = Instant.parse("2026-03-29T01:30:00.123Z");
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            database.inTransaction(tx -> tx.update(INSERT_USER, "u1", "a@x.io", "a@x.io", "A", "h", at));
            Instant read = database.read(tx -> tx.queryOne("SELECT created_at FROM users", r -> r.instant("created_at"), new Object[0])).orElseThrow();
            assertEquals(at, read);
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void uniqueViolationIsItsOwnError(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            database.inTransaction(tx -> tx.update(INSERT_USER, "u1", "a@x.io", "a@x.io", "A", "h", Instant.EPOCH));
            assertThrows(UniqueViolation.class, () -> database.inTransaction(
                    tx -> tx.update(INSERT_USER, "u2", "A@X.io", "a@x.io", "B", "h", Instant.EPOCH)));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void statementThatFailedRunsAgainWithNewArguments(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            for (int i = 0; i < 3; i++) {
                database.inTransaction(tx -> tx.update(INSERT_USER, "u1", "a@x.io", "a@x.io", "A", "h", Instant.EPOCH) * 0);
                assertEquals(1L, users(database));
                assertThrows(UniqueViolation.class, () -> database.inTransaction(
                        tx -> tx.update(INSERT_USER, "u1", "a@x.io", "a@x.io", "A", "h", Instant.EPOCH)));
                database.inTransaction(tx -> tx.update("DELETE FROM users WHERE id = ?", "u1"));
            }
            database.inTransaction(tx -> tx.update(INSERT_USER, "u2", "b@x.io", "b@x.io", "B", "h", Instant.EPOCH));
            assertEquals(List.of("u2"), database.read(tx -> tx.query("SELECT id FROM users", r -> r.text("id"))));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void concurrentWritersAllSucceedWithoutLockErrors(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> database.inTransaction(tx -> {
                    long before = tx.count("SELECT count(*) AS n FROM users");
                    return tx.update(INSERT_USER, "u" + n, n + "@x.io", n + "@x.io", "N", "h", Instant.ofEpochMilli(before));
                })));
            }
            for (Future<Integer> f : results) assertEquals(1, f.get());
            assertEquals(200L, users(database));
        }
    }

    /**
     * Writers on virtual threads that pause inside their transaction (as a grant does while it
     * waits on I/O): more waiting writers than carrier threads must not pin every carrier in the
     * database's lock wait, or the holder never gets back to commit.
     */
    @ParameterizedTest
    @EnumSource(Db.class)
    void virtualThreadWritersOutnumberingCarriersAllCommit(Db db) throws Exception {
        int writers = 4 * Runtime.getRuntime().availableProcessors() + 4;
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                results.add(pool.submit(() -> database.inTransaction(tx -> {
                    int inserted = tx.update(INSERT_USER, "u" + n, n + "@x.io", n + "@x.io", "N", "h", Instant.EPOCH);
                    pause();
                    return inserted;
                })));
            }
            for (Future<Integer> f : results) assertEquals(1, f.get());
            assertEquals(writers, users(database));
        }
    }

    /**
     * Writers that queue together while the writer is busy: on SQLite they then commit as one
     * group. One that throws after writing undoes its own row and gets its own exception; the
     * others' rows are kept.
     */
    @ParameterizedTest
    @EnumSource(Db.class)
    void writerThatThrowsUndoesOnlyItsOwnWritesAndGetsItsOwnException(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch release = new CountDownLatch(1);
            Future<Integer> first = pool.submit(() -> database.inTransaction(tx -> {
                await(release);
                return tx.update(INSERT_USER, "first", "first@x.io", "first@x.io", "F", "h", Instant.EPOCH);
            }));
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                queued.add(pool.submit(() -> database.inTransaction(tx -> {
                    int inserted = tx.update(INSERT_USER, "u" + n, n + "@x.io", n + "@x.io", "N", "h", Instant.EPOCH);
                    if (n % 3 == 0) throw new IllegalStateException("writer " + n);
                    return inserted;
                })));
            }
            Thread.sleep(200);
            release.countDown();
            assertEquals(1, first.get());
            List<String> expected = new ArrayList<>(List.of("first"));
            for (int n = 0; n < queued.size(); n++) {
                if (n % 3 == 0) {
                    ExecutionException e = assertThrows(ExecutionException.class, queued.get(n)::get);
                    assertEquals(IllegalStateException.class, e.getCause().getClass());
                    assertEquals("writer " + n, e.getCause().getMessage());
                } else {
                    assertEquals(1, queued.get(n).get());
                    expected.add("u" + n);
                }
            }
            assertEquals(expected.stream().sorted().toList(),
                    database.read(tx -> tx.query("SELECT id FROM users ORDER BY id", r -> r.text("id"))));
        }
    }

    /** A unique violation in one queued writer is that writer's error, not its neighbours'. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void uniqueViolationInOneQueuedWriterLeavesTheOthersCommitted(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            database.inTransaction(tx -> tx.update(INSERT_USER, "taken", "taken@x.io", "taken@x.io", "T", "h", Instant.EPOCH));
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                String email = n == 20 ? "taken@x.io" : n + "@x.io";
                results.add(pool.submit(() -> database.inTransaction(
                        tx -> tx.update(INSERT_USER, "u" + n, email, email, "N", "h", Instant.EPOCH))));
            }
            for (int n = 0; n < results.size(); n++) {
                if (n == 20) {
                    ExecutionException e = assertThrows(ExecutionException.class, results.get(n)::get);
                    assertEquals(UniqueViolation.class, e.getCause().getClass());
                } else {
                    assertEquals(1, results.get(n).get());
                }
            }
            assertEquals(40L, users(database));
        }
    }

    /** Once {@code inTransaction} returned, the write is committed: another connection reads it. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void writeIsVisibleToOtherConnectionsOnceTheCallReturns(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> seen = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                seen.add(pool.submit(() -> {
                    database.inTransaction(tx -> tx.update(INSERT_USER, "u" + n, n + "@x.io", n + "@x.io", "N", "h", Instant.EPOCH));
                    return database.read(tx -> tx.count("SELECT count(*) AS n FROM users WHERE id = ?", "u" + n));
                }));
            }
            for (Future<Long> f : seen) assertEquals(1L, f.get());
        }
    }

    /**
     * A writer that breaks the shared transaction itself (here: ends it) fails every writer
     * grouped with it, and none of their writes is kept; later writers are unaffected.
     */
    @ParameterizedTest
    @EnumSource(value = Db.class, names = "SQLITE")
    void whenTheGroupCannotCommitEveryWriterInItFailsAndNothingIsKept(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> queued = queuedBehindOne(database, pool, 10, n -> tx -> {
                int inserted = tx.update(INSERT_USER, "u" + n, n + "@x.io", n + "@x.io", "N", "h", Instant.EPOCH);
                if (n == 5) tx.update("ROLLBACK");
                return inserted;
            });
            for (Future<Integer> f : queued) {
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertEquals(DatabaseException.class, e.getCause().getClass());
            }
            assertEquals(0L, users(database));
            database.inTransaction(tx -> tx.update(INSERT_USER, "later", "later@x.io", "later@x.io", "L", "h", Instant.EPOCH));
            assertEquals(1L, users(database));
        }
    }

    /**
     * Holds the writer with a call alone in its group, queues {@code count} calls behind it (they
     * form the next group), then lets the first finish; the queued calls' futures, in order.
     */
    private static <T> List<Future<T>> queuedBehindOne(Database database, ExecutorService pool, int count,
                                                       IntFunction<Function<Tx, T>> call) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = pool.submit(() -> database.inTransaction(tx -> {
            entered.countDown();
            await(release);
            return null;
        }));
        entered.await();
        List<Future<T>> queued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Function<Tx, T> body = call.apply(i);
            queued.add(pool.submit(() -> database.inTransaction(body)));
        }
        Thread.sleep(200);
        release.countDown();
        first.get();
        return queued;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void reachableUntilClosed(Db db) {
        Database database = Database.open(TestDatabases.fresh(db));
        assertTrue(database.isReachable());
        database.close();
        assertFalse(database.isReachable());
    }

    private static final Appends USERS = Appends.log("users", List.of("id", "email", "email_lower", "name", "password_hash", "created_at"));

    private static Object[] user(String id) {
        return new Object[] {id, id + "@x.io", id + "@x.io", "N", "h", Instant.EPOCH};
    }

    /** Appended rows: written at the end in statements of up to 32 rows, kept or undone with their transaction. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void appendedRowsCommitWithTheirTransactionAndGoWithItsRollback(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            database.inTransaction(tx -> {
                for (int i = 0; i < 45; i++) tx.appendLater(USERS, user("a" + i)); // 32 + 8 + 4 + 1
                assertEquals(0L, tx.count("SELECT count(*) AS n FROM users"), "not written before the body is done");
                return null;
            });
            assertEquals(45L, users(database));
            assertThrows(IllegalStateException.class, () -> database.inTransaction(tx -> {
                tx.appendLater(USERS, user("gone"));
                throw new IllegalStateException("the change failed");
            }));
            assertEquals(45L, users(database));
            assertThrows(IllegalArgumentException.class, () -> database.inTransaction(tx -> {
                tx.appendLater(USERS, "too", "few");
                return null;
            }));
            database.read(tx -> {
                tx.appendLater(USERS, user("outside")); // no transaction: written at once
                return null;
            });
            assertEquals(46L, users(database));
        }
    }

    /**
     * Appended rows are written last (on PostgreSQL in the COMMIT's round trip): one that fails
     * undoes the whole transaction, earlier writes included, and leaves no connection of the pool
     * inside a transaction.
     */
    @ParameterizedTest
    @EnumSource(Db.class)
    void anAppendedRowThatFailsUndoesItsTransactionAndEveryConnectionStaysUsable(Db db) {
        try (Database database = Database.open(TestDatabases.fresh(db))) {
            database.inTransaction(tx -> {
                tx.appendLater(USERS, user("first"));
                return null;
            });
            assertEquals(List.of("first"), database.read(tx -> tx.query("SELECT id FROM users", r -> r.text("id"))),
                    "a transaction of appended rows alone is committed when the call returns");
            for (int i = 0; i < 25; i++) {
                String id = "written" + i;
                // SQLite reports it as its group's failure, PostgreSQL as the statement's own.
                assertThrows(RuntimeException.class, () -> database.inTransaction(tx -> {
                    tx.update(INSERT_USER, user(id));
                    tx.appendLater(USERS, user("first"));
                    return null;
                }));
                database.inTransaction(tx -> {
                    tx.appendLater(USERS, user("kept" + id));
                    return null;
                });
            }
            assertEquals(26L, users(database), "the first row and one kept row per round, no row written before a failed append");
            assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM users WHERE id LIKE 'written%'")));
        }
    }

    private static final Appends USER_ROWS = Appends.rows("users", List.of("id", "email", "email_lower", "name", "password_hash", "created_at"));

    /**
     * SQLite's group: rows that other transactions may change go in at the end of their own unit,
     * so each later unit of the group sees them (a concurrent redemption of one code revokes the
     * token the first one issued); a log's rows wait for the group's end.
     */
    @Test
    void inAGroupALaterUnitSeesTheRowsAnEarlierUnitAppendedButNotItsLogRows() throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(Db.SQLITE));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> queued = queuedBehindOne(database, pool, 12, n -> tx -> {
                long seen = tx.count("SELECT count(*) AS n FROM users WHERE id LIKE 'row%'");
                long logged = tx.count("SELECT count(*) AS n FROM users WHERE id LIKE 'log%'");
                tx.appendLater(USER_ROWS, user("row" + n));
                tx.appendLater(USERS, user("log" + n));
                return new long[] {seen, logged};
            });
            List<Long> seen = new ArrayList<>();
            for (Future<long[]> f : queued) {
                long[] counts = f.get();
                seen.add(counts[0]);
                assertEquals(0L, counts[1], "the group's log rows are written after its last unit");
            }
            assertEquals(LongStream.range(0, 12).boxed().toList(), seen.stream().sorted().toList(),
                    "every unit saw the rows of the units before it");
            assertEquals(24L, users(database));
        }
    }

    /** In a group, a unit that throws takes its appended rows with it; its neighbours' stay. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aQueuedWriterThatThrowsLeavesNoAppendedRowsAndItsNeighboursKeepTheirs(Db db) throws Exception {
        try (Database database = Database.open(TestDatabases.fresh(db));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> queued = queuedBehindOne(database, pool, 12, n -> tx -> {
                tx.appendLater(USERS, user("u" + n));
                if (n % 4 == 0) throw new IllegalStateException("writer " + n);
                return null;
            });
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < queued.size(); n++) {
                if (n % 4 == 0) assertThrows(ExecutionException.class, queued.get(n)::get);
                else {
                    queued.get(n).get();
                    expected.add("u" + n);
                }
            }
            assertEquals(expected.stream().sorted().toList(),
                    database.read(tx -> tx.query("SELECT id FROM users ORDER BY id", r -> r.text("id"))));
        }
    }

    @Test
    void appendsSplitIntoFewDistinctStatementSizes() {
        assertEquals(List.of(), Appends.chunks(0));
        assertEquals(List.of(32), Appends.chunks(32));
        assertEquals(List.of(32, 8, 4, 1), Appends.chunks(45));
        assertEquals(List.of(32, 32, 32, 4), Appends.chunks(100));
        assertEquals("INSERT INTO users (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?), "
                + "(?, ?, ?, ?, ?, ?)", USERS.insert(2));
        assertEquals(32, USERS.insert(32).chars().filter(c -> c == '(').count() - 1);
        assertThrows(IllegalArgumentException.class, () -> USERS.insert(3), "only the sizes chunks() gives");
        assertThrows(IllegalArgumentException.class, () -> USERS.insert(64));
    }

    private static long users(Database database) {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM users"));
    }
}

package dev.portcullis.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The pooled connection source, migrated on open. {@link #inTransaction} spans any number of
 * repository calls in one transaction; {@link #read} runs without one (autocommit), which on
 * SQLite lets reads proceed while a writer holds the lock (WAL).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    /**
     * Where transactions run: the pool on PostgreSQL; on SQLite one connection of its own. SQLite
     * writes one at a time anyway, and a connection's page cache is dropped whenever another
     * connection has written, so one writer keeps its cache instead of re-reading pages per commit.
     */
    private final HikariDataSource transactions;
    private final Dialect dialect;
    private final Statements statements;
    /**
     * SQLite has one writer at a time. Our writers queue for it here, where a waiting virtual
     * thread unmounts, and not in SQLite's busy handler: that sleeps in native code, pinning its
     * carrier, and once every carrier is pinned so, the lock holder cannot run to its commit until
     * the busy timeout fails them all. The busy timeout still covers other processes (the CLI).
     * Writers that queue together commit together ({@link GroupCommit}).
     */
    private final GroupCommit group = new GroupCommit(this::runGroup);
    /** SQLite only, else null. */
    private final Checkpoints checkpoints;

    private Database(HikariDataSource pool, HikariDataSource transactions, Dialect dialect, Duration checkpointEvery) {
        this.pool = pool;
        this.transactions = transactions;
        this.dialect = dialect;
        this.statements = Statements.of(dialect);
        this.checkpoints = dialect == Dialect.SQLITE ? new Checkpoints(pool, checkpointEvery) : null;
    }

    /** How often the background checkpoint looks for new commits (SQLite). */
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(100);

    public static Database open(Storage storage) {
        return open(storage, CHECKPOINT_EVERY);
    }

    /** {@code checkpointEvery} null: no background checkpoint thread (tests drive it). */
    static Database open(Storage storage, Duration checkpointEvery) {
        Dialect dialect = Dialect.of(storage.databaseUrl());
        if (dialect == Dialect.SQLITE) createDataDir(storage);
        HikariDataSource pool = new HikariDataSource(hikari(storage, dialect, "portcullis", storage.poolSize()));
        try {
            Migrations.migrate(pool, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        HikariDataSource transactions = dialect == Dialect.SQLITE
                ? new HikariDataSource(hikari(storage, dialect, "portcullis-writer", 1))
                : pool;
        return new Database(pool, transactions, dialect, checkpointEvery);
    }

    private static HikariConfig hikari(Storage storage, Dialect dialect, String name, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(storage.databaseUrl());
        hc.setPoolName(name);
        hc.setConnectionTimeout(10_000);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(Math.min(2, size));
        if (!storage.user().isEmpty()) hc.setUsername(storage.user());
        if (!storage.password().isEmpty()) hc.setPassword(storage.password());
        if (dialect == Dialect.SQLITE) {
            // WAL lets readers run beside the writer; transactions begin IMMEDIATE (see begin), so
            // one never fails half-way upgrading a read lock; busy_timeout waits for the lock.
            // Our ids are text, so the driver need not ask for the last rowid after every write.
            // temp_store: a group's savepoints keep their undo pages in memory, not in temp files
            // (a profile showed open and pwrite calls inside grouped inserts).
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("busy_timeout", "10000");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("temp_store", "MEMORY");
            hc.addDataSourceProperty("jdbc.get_generated_keys", "false");
            // Checkpoints run beside the writer (Checkpoints); a commit checkpoints only if that
            // falls this far behind (40 MiB of log), which bounds the log either way.
            hc.setConnectionInitSql("PRAGMA wal_autocheckpoint = 10000");
        }
        return hc;
    }

    private static void createDataDir(Storage storage) {
        try {
            Files.createDirectories(storage.dataDir());
        } catch (IOException e) {
            throw new DatabaseException("cannot create data directory " + storage.dataDir(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The pool itself, for a library that runs its own SQL and transactions (Bucket4j's shared
     * rate-limit buckets); everything of ours goes through {@link #inTransaction} and {@link #read}.
     */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code work} in one transaction. PostgreSQL may abort one of two transactions that lock
     * the same rows in different orders (a deadlock, or a serialization failure); such a
     * transaction did nothing, so it is run again, a few times at most. On SQLite, calls made at
     * the same time share one transaction, each in its own savepoint ({@link GroupCommit}): the
     * call returns once that transaction committed, and an exception {@code work} throws undoes
     * only its own writes. {@code work} should therefore only talk to the database: anything slow
     * in it (a password hash, a network call) holds up the writers grouped with it.
     */
    public <T> T inTransaction(Function<Tx, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (DatabaseException e) {
                if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
            }
        }
    }

    private static final int MAX_ATTEMPTS = 4;

    private static boolean isRetryable(DatabaseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private <T> T once(Function<Tx, T> work) {
        return dialect == Dialect.SQLITE ? group.submit(work) : run(work);
    }

    private <T> T run(Function<Tx, T> work) {
        try (Connection c = transactions.getConnection()) {
            begin(c);
            boolean committed = false;
            try {
                Tx tx = new Tx(c, dialect, statements, true);
                T result = work.apply(tx);
                // PostgreSQL only (SQLite's transactions run in groups): appended rows, if any, go
                // with the COMMIT in one round trip; commit() then finds the transaction ended and
                // sends nothing, but tells the pool that the connection is clean.
                tx.flushPendingAndCommit();
                commit(c);
                committed = true;
                return result;
            } finally {
                if (!committed) abandon(c);
            }
        } catch (SQLException e) {
            throw new DatabaseException("transaction failed", e);
        }
    }

    /**
     * Runs one group of queued SQLite units in one transaction, each unit inside its own savepoint:
     * a unit that throws rolls back to its savepoint and fails alone, the others commit together.
     * A group of one runs as a plain transaction, rolled back if it throws. If BEGIN, a savepoint or the COMMIT fails, every
     * unit of the group fails and nothing of it is kept.
     */
    private void runGroup(List<GroupCommit.Unit<?>> units) {
        try (Connection c = transactions.getConnection()) {
            begin(c);
            boolean committed = false;
            try {
                Tx tx = new Tx(c, dialect, statements, true);
                if (units.size() == 1) {
                    if (units.getFirst().apply(tx, done -> {})) {
                        tx.flushPending();
                        commit(c);
                    } else {
                        rollback(c);
                    }
                } else {
                    for (GroupCommit.Unit<?> unit : units) {
                        execute(c, "SAVEPOINT unit");
                        int mark = tx.pendingMark();
                        if (!unit.apply(tx, done -> done.flushRowsAfter(mark))) {
                            execute(c, "ROLLBACK TO unit");
                            tx.dropPendingAfter(mark);
                        }
                        execute(c, "RELEASE unit");
                    }
                    tx.flushPending(); // after the savepoints: no undo copies of these pages
                    commit(c);
                }
                committed = true;
            } finally {
                if (!committed) abandon(c);
            }
        } catch (SQLException | RuntimeException e) {
            for (GroupCommit.Unit<?> unit : units) unit.abort(new DatabaseException("transaction failed", e));
            return;
        }
        for (GroupCommit.Unit<?> unit : units) unit.committed();
        checkpoints.afterCommit(transactions);
    }

    /*
     * On SQLite the transaction is opened with an explicit BEGIN IMMEDIATE on a connection that
     * stays in JDBC auto-commit: sqlite-jdbc's own non-auto-commit mode opens a second, empty
     * transaction after every commit and another round when the pool resets the connection,
     * three lock round trips for one transaction.
     */
    private void begin(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) execute(c, "BEGIN IMMEDIATE");
        else c.setAutoCommit(false);
    }

    private void commit(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) execute(c, "COMMIT");
        else c.commit();
    }

    private void rollback(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) execute(c, "ROLLBACK");
        else c.rollback();
    }

    /** A connection whose rollback failed may still hold a transaction: it leaves the pool. */
    private void abandon(Connection c) {
        try {
            rollback(c);
        } catch (SQLException e) {
            transactions.evictConnection(c);
        }
    }

    /** On SQLite through the statement cache: these few statements run several times per group. */
    private void execute(Connection c, String sql) throws SQLException {
        PreparedStatement st = statements.open(c, sql);
        boolean completed = false;
        try {
            st.execute();
            completed = true;
        } finally {
            statements.release(c, sql, st, completed);
        }
    }

    /** SQLite's background checkpoint, for tests that drive it by hand. */
    Checkpoints checkpoints() {
        return checkpoints;
    }

    public <T> T read(Function<Tx, T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(new Tx(c, dialect, statements));
        } catch (SQLException e) {
            throw new DatabaseException("read failed", e);
        }
    }

    /** For readiness: a round trip to the database within the pool's timeout. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (checkpoints != null) checkpoints.close();
        if (transactions != pool) transactions.close();
        pool.close();
    }
}

package dev.portcullis.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * SQLite only: copies the write-ahead log back into the database file beside the writer instead
 * of in its way. Left to SQLite, the commit that finds the log long runs the checkpoint itself,
 * on the one writer connection, so every queued writer waits for thousands of page copies and two
 * fsyncs: on a token load that was a 100-200 ms stall about once a second, the whole p99
 * (docs/benchmarks.md, "Checkpoints off the writer's path").
 *
 * <p>Here a platform thread (a checkpoint blocks in native code, which would pin a virtual
 * thread's carrier) runs PASSIVE checkpoints on a reader connection every 100 ms after commits;
 * they take no writer lock, so commits go on meanwhile. Often and small: on one core a long copy
 * takes the CPU from the requests long enough to show in their p99 (measured at 500 ms). A log
 * starts again from its beginning only when a write begins with every frame copied, which a
 * steady stream of commits never allows; so the background copies again what was committed
 * meanwhile until little is new, and the writer copies that remainder itself after its next
 * commit ({@link #afterCommit}): a pause of a few frames instead of thousands, and the log stays
 * a few MiB. The writer's own automatic checkpoint stays as the bound should this thread fall
 * behind.
 */
final class Checkpoints implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Checkpoints.class.getName());
    /** Frames left for the writer to copy at most: a few milliseconds of its time. */
    static final int REMAINDER_FRAMES = 256;
    /** Copies per wake-up at most, should commits outpace them. */
    private static final int MAX_ROUNDS = 8;

    private final DataSource readers;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean remainderDue;
    private final Thread thread;

    /** {@code every}: how often to look for new commits; {@code null} runs no thread (tests call {@link #copy}). */
    Checkpoints(DataSource readers, Duration every) {
        this.readers = readers;
        this.thread = every == null ? null : Thread.ofPlatform().daemon().name("portcullis-checkpoint")
                .start(() -> loop(every));
    }

    private void loop(Duration every) {
        long seen = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            long now = commits.get();
            if (now == seen) continue;
            seen = now;
            try {
                copy();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "background checkpoint failed; the writer's own checkpoint bounds the log: {0}", e.getMessage());
            }
        }
    }

    /**
     * Copies what the log holds, then again what was committed meanwhile, until a round finds
     * little new: then the writer is asked to take the rest, a pause of a few frames. A reader on
     * an old snapshot holds frames back; those wait for the next wake-up rather than the writer.
     */
    void copy() throws SQLException {
        try (Connection c = readers.getConnection(); Statement st = c.createStatement()) {
            int copiedBefore = 0;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Progress p = passive(st);
                if (p.busy() || p.frames() <= 0 || p.left() > REMAINDER_FRAMES) return;
                if (p.copied() - copiedBefore <= REMAINDER_FRAMES) {
                    remainderDue = true;
                    return;
                }
                copiedBefore = p.copied();
            }
        }
    }

    /**
     * Called by the writer after each commit, once the group's callers are released: copies the
     * remainder when one is due, so that the next write starts the log again from its beginning.
     */
    void afterCommit(DataSource writer) {
        commits.incrementAndGet();
        if (!remainderDue) return;
        remainderDue = false;
        try (Connection c = writer.getConnection(); Statement st = c.createStatement()) {
            passive(st);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "checkpoint after commit failed; the writer's own checkpoint bounds the log: {0}", e.getMessage());
        }
    }

    private static Progress passive(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return new Progress(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
        }
    }

    /** One checkpoint's answer: blocked, frames in the log, frames copied (-1, -1 without a log). */
    private record Progress(boolean busy, int frames, int copied) {
        int left() {
            return Math.max(0, frames - copied);
        }
    }

    @Override
    public void close() {
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

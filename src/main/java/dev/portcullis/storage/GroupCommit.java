package dev.portcullis.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit for SQLite's single writer: concurrent transactions queue here, and whichever
 * caller finds the writer free leads. It takes what is queued at that moment (at most
 * {@link #MAX_UNITS}, without waiting for more) and runs it as one transaction, so several
 * requests share one write of their common pages to the WAL. Every caller returns only once its
 * own unit's group has committed, with its own result or its own exception.
 *
 * <p>Waiting happens on Java locks and {@link LockSupport#park}, where a virtual thread unmounts,
 * never in SQLite's busy handler (which sleeps in native code and would pin its carrier). Whoever
 * releases the leadership wakes the oldest waiting unit's caller, so queued work never waits for a
 * newcomer to lead it.
 */
final class GroupCommit {
    /** Units per transaction at most: bounds the time the first unit of a group waits for the last. */
    static final int MAX_UNITS = 64;
    private final ReentrantLock leadership = new ReentrantLock();
    private final ConcurrentLinkedQueue<Unit<?>> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<Unit<?>>> runner;

    /** {@code runner}: runs one group and settles each of its units (committed, or aborted). */
    GroupCommit(Consumer<List<Unit<?>>> runner) {
        this.runner = runner;
    }

    <T> T submit(Function<Tx, T> work) {
        Unit<T> unit = new Unit<>(work, Thread.currentThread());
        queue.add(unit);
        while (!unit.done) {
            if (leadership.tryLock()) {
                try {
                    lead();
                } finally {
                    leadership.unlock();
                }
                Unit<?> next = queue.peek();
                if (next != null) next.wake();
            } else {
                LockSupport.park(this);
            }
        }
        return unit.result();
    }

    private void lead() {
        // Let every other ready request run up to its own submit before the group is taken. With
        // few carriers (one, on a one-CPU container) the others have not run yet when the first
        // writer arrives, so without this it would lead a group of one, every time: measured, a
        // third more client_credentials tokens per second on one core (docs/benchmarks.md).
        if (Thread.currentThread().isVirtual()) Thread.yield();
        List<Unit<?>> group = new ArrayList<>();
        for (Unit<?> u; group.size() < MAX_UNITS && (u = queue.poll()) != null; ) group.add(u);
        if (group.isEmpty()) return;
        try {
            runner.accept(group);
        } finally {
            for (Unit<?> u : group) {
                if (!u.done) u.abort(new DatabaseException("transaction failed", null));
            }
        }
    }

    /** One caller's transaction body, its outcome, and the thread waiting for it. */
    static final class Unit<T> {
        private final Function<Tx, T> work;
        private final Thread caller;
        private T value;
        private RuntimeException failure;
        private volatile boolean done;

        private Unit(Function<Tx, T> work, Thread caller) {
            this.work = work;
            this.caller = caller;
        }

        /** Runs the body, then {@code then}; {@code false} when either threw, which is kept for its caller. */
        boolean apply(Tx tx, Consumer<Tx> then) {
            try {
                value = work.apply(tx);
                then.accept(tx);
                return true;
            } catch (RuntimeException e) {
                failure = e;
                return false;
            }
        }

        /** The group committed: the caller gets its value, or the exception its body threw. */
        void committed() {
            settle();
        }

        /** The group did not commit: nothing of this unit was kept. */
        void abort(RuntimeException cause) {
            value = null;
            failure = cause;
            settle();
        }

        private void settle() {
            done = true;
            wake();
        }

        private void wake() {
            if (caller != Thread.currentThread()) LockSupport.unpark(caller);
        }

        private T result() {
            if (failure != null) throw failure;
            return value;
        }
    }
}

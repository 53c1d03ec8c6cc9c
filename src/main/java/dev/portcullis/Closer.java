package dev.portcullis;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what was started, newest first, so nothing is stopped while something started after it still uses it. */
final class Closer implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("shutdown failed", e);
            }
        }
        if (failure != null) throw failure;
    }
}

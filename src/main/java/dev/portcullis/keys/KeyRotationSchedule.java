package dev.portcullis.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates keys older than the rotation period: once at start, then every hour. Every instance runs
 * one; the database lets only the first rotate a given key.
 */
public final class KeyRotationSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationSchedule.class);
    static final Duration CHECK_EVERY = Duration.ofHours(1);

    private final ScheduledExecutorService executor;

    private KeyRotationSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static KeyRotationSchedule start(KeyRing keyRing, Clock clock) {
        keyRing.rotateDue(clock.instant()).forEach(KeyRotationSchedule::log);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("key-rotation").factory());
        long period = CHECK_EVERY.toSeconds();
        executor.scheduleAtFixedRate(() -> check(keyRing, clock), period, period, TimeUnit.SECONDS);
        return new KeyRotationSchedule(executor);
    }

    /** Never throws: an exception would cancel every later run of a scheduled task. */
    private static void check(KeyRing keyRing, Clock clock) {
        try {
            keyRing.rotateDue(clock.instant()).forEach(KeyRotationSchedule::log);
        } catch (RuntimeException e) {
            LOG.warn("signing key rotation check failed; retrying in {}", CHECK_EVERY, e);
        }
    }

    private static void log(SigningKeyInfo key) {
        LOG.info("rotated {} signing key, new kid {}", key.alg(), key.kid());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package dev.portcullis.registration;

import dev.portcullis.apps.SelfRegisteredApps;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes self-registered apps (RFC 7591 registrations and metadata-document clients) that never
 * obtained a token within {@code unusedAfter} of registering: an open registration endpoint must
 * not let abandoned or abusive registrations pile up. Every instance runs one; the delete is one
 * idempotent statement.
 */
public final class UnusedAppSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnusedAppSweep.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final ScheduledExecutorService executor;

    private UnusedAppSweep(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static UnusedAppSweep start(SelfRegisteredApps apps, Duration unusedAfter, Clock clock) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("unused-app-sweep").factory());
        executor.scheduleAtFixedRate(() -> sweep(apps, unusedAfter, clock), 60, EVERY.toSeconds(), TimeUnit.SECONDS);
        return new UnusedAppSweep(executor);
    }

    /** Never throws: an exception would cancel every later run. */
    static void sweep(SelfRegisteredApps apps, Duration unusedAfter, Clock clock) {
        try {
            int deleted = apps.deleteUnusedSelfRegistered(clock.instant().minus(unusedAfter));
            if (deleted > 0) LOG.info("deleted {} self-registered apps unused for {}", deleted, unusedAfter);
        } catch (RuntimeException e) {
            LOG.warn("unused app sweep failed; retrying in {}", EVERY, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package dev.portcullis.webhooks;

import dev.portcullis.config.Config;
import dev.portcullis.storage.Database;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Delivers the outbox, one worker per instance: leases due deliveries (other instances skip
 * them; a crashed instance's leases lapse and come back), POSTs each on a virtual thread, logs
 * the attempt and schedules the retry, ±20 % jitter so failing receivers are not hit in step.
 * After the last retry the delivery fails; if no attempt to its endpoint succeeded since that
 * delivery's first attempt, the endpoint is disabled (docs/webhooks.md).
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeliveryWorker.class.getName());
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration OUTAGE_PAUSE = Duration.ofSeconds(5);
    static final int BATCH = 16;

    private final Database db;
    private final Webhooks webhooks;
    private final DeliveryRepository deliveries;
    private final Sender sender;
    private final List<Duration> retries;
    private final Duration lease;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration timeout;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);

    private DeliveryWorker(Database db, Webhooks webhooks, DeliveryRepository deliveries, Sender sender, List<Duration> retries,
                           Duration timeout, Clock clock, RandomGenerator random) {
        this.db = db;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.sender = sender;
        this.retries = List.copyOf(retries);
        this.timeout = timeout;
        this.lease = timeout.multipliedBy(2).plusSeconds(10); // an attempt ends by its time-out; the rest is margin
        this.clock = clock;
        this.random = random;
        this.thread = Thread.ofVirtual().name("webhook-delivery").unstarted(this::run);
    }

    public static DeliveryWorker start(Database db, Webhooks webhooks, Config.Events config, Clock clock, RandomGenerator random) {
        var worker = new DeliveryWorker(db, webhooks, webhooks.deliveries(), new Sender(config.webhooksAllowPrivate(), config.webhookTimeout()),
                config.webhookRetries(), config.webhookTimeout(), clock, random);
        worker.thread.start();
        return worker;
    }

    private void run() {
        while (stop.getCount() > 0) {
            int claimed = 0;
            Duration pause = POLL;
            try {
                claimed = deliverDue();
            } catch (RuntimeException e) {
                // The database is away (an outage, a failover): say so once per pause, not twice a second.
                LOG.log(Level.WARNING, "Webhook deliveries could not be claimed; retrying in " + OUTAGE_PAUSE.toSeconds() + " s: "
                        + e.getClass().getSimpleName());
                pause = OUTAGE_PAUSE;
            }
            if (claimed < BATCH && !sleep(pause)) return;
        }
    }

    /** Claims and attempts one batch; the number claimed. */
    int deliverDue() {
        Instant now = clock.instant();
        List<Delivery> claimed = db.inTransaction(tx -> deliveries.claim(tx, now, now.plus(lease), BATCH));
        if (claimed.isEmpty()) return 0;
        try (var attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Delivery d : claimed) attempts.submit(() -> attempt(d));
        }
        return claimed.size();
    }

    private void attempt(Delivery d) {
        try {
            Instant start = clock.instant();
            var target = db.read(tx -> webhooks.endpoint(tx, d.endpointId()).map(e -> new Target(e.enabled(), e.targetUrl(),
                    webhooks.signingSecrets(tx, d.endpointId(), start))));
            if (target.isEmpty()) return; // deleted meanwhile: its deliveries went with it
            Sender.Outcome outcome;
            if (!target.get().enabled()) {
                outcome = Sender.Outcome.error("endpoint_disabled");
            } else if (target.get().secrets().isEmpty()) {
                outcome = Sender.Outcome.error("secret_unavailable"); // the master key changed: the sealed secret does not open
            } else {
                long timestamp = start.getEpochSecond();
                outcome = sender.post(target.get().url(), d.id(), timestamp,
                        WebhookSecret.header(target.get().secrets(), d.id(), timestamp, d.payload()), d.payload());
            }
            Instant end = clock.instant();
            var attempt = new Delivery.Attempt(d.id(), d.attempts() + 1, start, outcome.statusCode(), outcome.error(),
                    Duration.between(start, end).toMillis());
            Optional<Instant> retryAt = attempt.succeeded() || !target.get().enabled() ? Optional.empty() : retryAfter(d.failures(), end);
            db.inTransaction(tx -> {
                deliveries.complete(tx, attempt, retryAt);
                boolean gaveUp = !attempt.succeeded() && retryAt.isEmpty() && target.get().enabled();
                if (gaveUp && !deliveries.succeededSince(tx, d.endpointId(), d.firstAttemptAt().orElse(start))) {
                    webhooks.disableFailing(tx, d.endpointId(), "every attempt of a delivery failed over its whole retry schedule");
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The lease lapses and another pass retries it; the log names the delivery, never its body or a secret.
            LOG.log(Level.WARNING, "Webhook delivery " + d.id() + " could not be completed: " + e.getClass().getSimpleName());
        }
    }

    private record Target(boolean enabled, java.net.URI url, List<WebhookSecret> secrets) {}

    /** When to try again after the {@code failuresBefore + 1}-th failure in a row; empty after the last retry. */
    Optional<Instant> retryAfter(int failuresBefore, Instant now) {
        if (failuresBefore >= retries.size()) return Optional.empty();
        long millis = retries.get(failuresBefore).toMillis();
        long jittered = Math.round(millis * (0.8 + 0.4 * random.nextDouble()));
        return Optional.of(now.plusMillis(jittered));
    }

    /** Waits out the pause; false once the worker is closing. */
    private boolean sleep(Duration pause) {
        try {
            return !stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops claiming and lets the attempts in flight finish (each ends by its time-out), so a
     * graceful stop records what the receiver really answered rather than an interrupted attempt
     * that would use up a retry.
     */
    @Override
    public void close() {
        stop.countDown();
        try {
            if (!thread.join(timeout.plusSeconds(5))) thread.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}

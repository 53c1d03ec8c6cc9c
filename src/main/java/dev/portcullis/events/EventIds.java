package dev.portcullis.events;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Event ids as UUIDv7 (RFC 9562 §5.7): the millisecond first, then a counter within the
 * millisecond, then randomness. Ids then sort as events were recorded on this instance, so a page
 * ordered by (time, id) lists two events of one millisecond in the order they happened.
 */
final class EventIds {
    private final Clock clock;
    private final SecureRandom random;
    /** Random bits drawn 64 ids at a time: one call into the shared generator (a lock, a read of the OS's source) per 64 events. */
    private final ByteBuffer entropy = ByteBuffer.allocate(64 * Long.BYTES).position(64 * Long.BYTES);
    private long lastMillis = -1;
    private int sequence;

    EventIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    private static final long MAX_MILLIS = (1L << 48) - 1;

    /**
     * The lowest id any event of {@code time}'s millisecond can have: ids compare as text in time
     * order (fixed-width lower-case hex, the millisecond first), so "at or after {@code time}" is
     * {@code id >= lowestAt(time)}.
     */
    static String lowestAt(java.time.Instant time) {
        long seconds = Math.clamp(time.getEpochSecond(), 0, MAX_MILLIS / 1000); // toEpochMilli would overflow far out
        long millis = Math.min(seconds * 1000 + time.getNano() / 1_000_000, MAX_MILLIS);
        return new UUID(millis << 16, 0).toString();
    }

    /** The id and the millisecond it carries, which is the event's time. */
    record Stamp(String id, long millis) {}

    synchronized Stamp next() {
        long now = Math.max(clock.millis(), lastMillis); // never backwards, even if the wall clock steps back
        if (now == lastMillis) {
            sequence++;
            if (sequence > 0xfff) { // 4096 in one millisecond: borrow the next one
                now++;
                sequence = 0;
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        long msb = (now << 16) | 0x7000L | sequence;
        if (!entropy.hasRemaining()) {
            random.nextBytes(entropy.array());
            entropy.clear();
        }
        long lsb = (entropy.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new Stamp(new UUID(msb, lsb).toString(), now);
    }
}

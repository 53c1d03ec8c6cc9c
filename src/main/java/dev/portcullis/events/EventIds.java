package dev.portcullis.events;

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
    private long lastMillis = -1;
    private int sequence;

    EventIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
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
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new Stamp(new UUID(msb, lsb).toString(), now);
    }
}

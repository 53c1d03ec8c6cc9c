package dev.portcullis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** UUIDv7 event ids (RFC 9562 §5.7): ordered within a millisecond, version and variant set, random bits fresh past each refill. */
class EventIdsTest {
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00.123Z");

    @Test
    void idsOfOneMillisecondAreOrderedUniqueVersion7AndCarryTheirMillisecond() {
        EventIds ids = new EventIds(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        String previous = "";
        Set<Long> randomParts = new HashSet<>();
        for (int i = 0; i < 1000; i++) { // past the 64-id entropy buffer many times
            EventIds.Stamp stamp = ids.next();
            UUID id = UUID.fromString(stamp.id());
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            assertEquals(NOW.toEpochMilli(), stamp.millis());
            assertEquals(NOW.toEpochMilli(), id.getMostSignificantBits() >>> 16);
            assertTrue(stamp.id().compareTo(previous) > 0, stamp.id() + " after " + previous);
            assertTrue(randomParts.add(id.getLeastSignificantBits()), "random bits repeated at id " + i);
            previous = stamp.id();
        }
        assertTrue(EventIds.lowestAt(NOW).compareTo(previous) < 0);
        assertTrue(EventIds.lowestAt(NOW.plusMillis(1)).compareTo(previous) > 0);
    }
}

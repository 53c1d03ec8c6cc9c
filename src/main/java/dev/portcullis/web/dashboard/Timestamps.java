package dev.portcullis.web.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages show a moment: to the minute, in UTC, saying so (the server does not know the reader's zone). */
public final class Timestamps {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String utc(Instant instant) {
        return MINUTE.format(instant);
    }
}

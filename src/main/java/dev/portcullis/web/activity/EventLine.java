package dev.portcullis.web.activity;

import java.time.Instant;

/**
 * One event as a row shows it: when (UTC, to the minute), who did it, what in plain words, to
 * what, and from where (address and device). Names come from the accounts and apps where they
 * still exist, kind and id otherwise.
 */
public record EventLine(String id, String type, Instant at, String when, String who, String what, String target,
                        String address, String device) {}

package dev.portcullis.storage;

/** An insert or update hit a unique constraint: callers map it to a conflict their users understand. */
public final class UniqueViolation extends RuntimeException {
    public UniqueViolation(Throwable cause) {
        super("unique constraint violated", cause, false, false);
    }
}

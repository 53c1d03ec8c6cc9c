package dev.portcullis.storage;

/** A database failure that is not the caller's fault; becomes a server error with an incident id. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

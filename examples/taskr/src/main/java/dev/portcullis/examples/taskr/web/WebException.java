package dev.portcullis.examples.taskr.web;

/** A page-level failure with a status and a message safe to show; rendered by {@link Pages}. */
public final class WebException extends RuntimeException {
    private final int status;

    public WebException(int status, String publicMessage) {
        super(publicMessage, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

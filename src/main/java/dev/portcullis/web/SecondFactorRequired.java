package dev.portcullis.web;

/** Thrown by {@link WorkspaceGate}; {@link Pages#page} turns it into a redirect to enrol a second factor. */
public final class SecondFactorRequired extends RuntimeException {
    private final String location;

    SecondFactorRequired(String location) {
        super("second factor required", null, false, false);
        this.location = location;
    }

    public String location() {
        return location;
    }
}

package dev.portcullis.web;

/** Thrown by {@link CurrentUser#require}; {@link Pages#page} turns it into a redirect to the login page. */
public final class LoginRequired extends RuntimeException {
    private final String returnTo;

    LoginRequired(String returnTo) {
        super("login required", null, false, false);
        this.returnTo = returnTo;
    }

    public String returnTo() {
        return returnTo;
    }
}

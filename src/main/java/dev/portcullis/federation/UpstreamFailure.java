package dev.portcullis.federation;

/**
 * Why an upstream sign-in stopped: the status and the sentence the person reads, and a detail for
 * the log only (never a token, secret or stack trace). Rendered as a page with a way back to the
 * login page that still carries the OAuth request ({@link UpstreamLoginEndpoint}).
 */
final class UpstreamFailure extends RuntimeException {
    private final int status;
    private final String title;
    private final String detail;

    private UpstreamFailure(int status, String title, String message, String detail) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return detail;
    }

    static UpstreamFailure unknownProvider() {
        return new UpstreamFailure(404, "Sign-in not available", "This sign-in option does not exist (any more).", "unknown provider");
    }

    static UpstreamFailure badState(String detail) {
        return new UpstreamFailure(400, "Sign-in expired", "This sign-in is not valid any more: it expired, was used already, "
                + "or was started in another browser. Please start again.", detail);
    }

    /** RFC 6749 §4.1.2.1: the provider sent the browser back with an error instead of a code. */
    static UpstreamFailure denied(String provider, String error) {
        if ("access_denied".equals(error)) {
            return new UpstreamFailure(403, "Sign-in cancelled", provider + " did not sign you in: it was cancelled or refused.", error);
        }
        String code = error != null && error.matches("[a-z_]{1,40}") ? error : "unknown_error";
        return new UpstreamFailure(502, "Sign-in failed", provider + " could not sign you in (" + code + ").", code);
    }

    static UpstreamFailure unreachable(String provider, String detail) {
        return new UpstreamFailure(502, "Sign-in failed", provider + " cannot be reached right now. Please try again in a moment.", detail);
    }

    static UpstreamFailure refused(String provider, String detail) {
        return new UpstreamFailure(502, "Sign-in failed", provider + " did not complete the sign-in. Please start again.", detail);
    }

    /** The ID token failed validation (signature, issuer, audience, expiry or nonce): nobody is signed in. */
    static UpstreamFailure invalidIdToken(String provider, String detail) {
        return new UpstreamFailure(502, "Sign-in failed", provider + " sent an answer that failed verification, so you were not signed in.",
                detail);
    }

    static UpstreamFailure unavailable(String provider, String detail) {
        return new UpstreamFailure(503, "Sign-in not available", "Signing in with " + provider + " is not available right now.", detail);
    }

    static UpstreamFailure noEmail(String provider) {
        return new UpstreamFailure(403, "Email address needed", provider + " did not share a usable email address, which an account "
                + "needs.", "no email claim");
    }

    static UpstreamFailure domainNotAllowed(String provider) {
        return new UpstreamFailure(403, "Not allowed", "Accounts with this email address cannot sign in with " + provider + ".",
                "email domain not allowed");
    }

    /** The linking rule: an existing account is linked only to an email the provider says it verified. */
    static UpstreamFailure unverifiedEmail(String provider) {
        return new UpstreamFailure(403, "Account already exists", "An account with this email address already exists, and " + provider
                + " has not verified that the address is yours, so it cannot be linked. Log in with your password instead.",
                "unverified email matches an existing user");
    }
}

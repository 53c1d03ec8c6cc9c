package dev.portcullis.web.dashboard;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;

/**
 * The second step of a destructive form (revoke, remove, delete). The page asks first, in a
 * {@code <details>} or on a confirmation page that works without script; only its final button
 * posts {@code confirm=yes}, so a one-step POST (a stray click, a replayed form) changes nothing.
 */
public final class Confirmation {
    public static final String FIELD = "confirm";

    private Confirmation() {}

    /** A 400 page, and nothing done, unless the form carries the confirmation. */
    public static void require(Params form, String what) {
        if (!form.get(FIELD).orElse("").equals("yes")) {
            throw OAuthException.validation(FIELD, "Confirm that you want to " + what + ": nothing was changed");
        }
    }
}

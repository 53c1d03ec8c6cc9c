package dev.portcullis.web.dashboard;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import java.util.Set;

/**
 * The one rule breach a form submission hit, placed next to the field it names; a breach of a
 * field the form does not show goes above the form instead.
 */
public record FormErrors(String field, String message, Set<String> placed) {
    public static FormErrors none() {
        return new FormErrors(null, null, Set.of());
    }

    /**
     * The breach the user can fix ({@code Validation}, {@code Conflict}, {@code InvalidRequest});
     * anything else (404, 403) is rethrown for the error page. A list field's index is dropped,
     * so {@code scopes[2]} lands on {@code scopes}; a conflict lands on {@code conflictField}.
     */
    public static FormErrors of(OAuthException e, Set<String> placed, String conflictField) {
        return switch (e.error()) {
            case Failure.Validation v -> new FormErrors(v.field().replaceFirst("\\[\\d+]$", ""), v.description(), placed);
            case Failure.Conflict c -> new FormErrors(conflictField, c.description(), placed);
            case OAuthError.InvalidRequest r -> new FormErrors("", r.description(), placed);
            default -> throw e;
        };
    }

    public static FormErrors on(String field, String message) {
        return new FormErrors(field, message, Set.of(field));
    }

    /** The message for {@code name}'s field, or null when it is fine. */
    public String on(String name) {
        return name.equals(field) && placed.contains(name) ? message : null;
    }

    /** The message no field of the form shows, or null. */
    public String general() {
        return message != null && !placed.contains(field) ? message : null;
    }

    public boolean any() {
        return message != null;
    }
}

package dev.portcullis.web.flash;

import java.util.Optional;

/**
 * What a page shows once, after the POST that changed something redirected to it: a notice for
 * the {@code section} (an element id on the page) that changed, and at most one new secret.
 */
public record Flash(String section, String notice, Optional<Secret> secret) {

    /** A one-time secret and what it is called ("Client secret", "API key “ci”"). */
    public record Secret(String label, String value) {
        @Override
        public String toString() {
            return "Secret[" + label + "]";
        }
    }

    public static Flash notice(String section, String notice) {
        return new Flash(section, notice, Optional.empty());
    }

    public Flash withSecret(String label, String value) {
        return new Flash(section, notice, Optional.of(new Secret(label, value)));
    }

    /** Whether the notice belongs next to {@code id}. */
    public boolean in(String id) {
        return section.equals(id);
    }
}

package dev.portcullis.web;

import java.util.Optional;

/** What the shared layout needs from every page: its title, and who is signed in (for the navigation). */
public record Layout(String title, Optional<SignedIn> viewer) {
    public static Layout of(String title, SignedIn viewer) {
        return new Layout(title, Optional.of(viewer));
    }

    public static Layout anonymous(String title) {
        return new Layout(title, Optional.empty());
    }
}

package dev.portcullis.examples.taskr.web;

import java.util.Optional;

/**
 * One browser's session. {@code oauthState} and {@code pkceVerifier} exist only between
 * "Connect" and the callback; {@code flash} is a message shown once on the next page.
 */
public record Session(String idHash, Optional<String> userId, String csrfToken,
                      Optional<String> oauthState, Optional<String> pkceVerifier, Optional<String> flash) {

    public String requireUser() {
        return userId.orElseThrow(() -> new WebException(403, "Please log in first."));
    }
}

package dev.portcullis.http;

import io.helidon.webserver.http.ServerResponse;

/** Renders an error as an HTML page for a person; the page contract needs {@code [data-testid=oauth-error]}. */
@FunctionalInterface
public interface ErrorPage {
    void render(ServerResponse res, int status, String errorCode, String description);
}

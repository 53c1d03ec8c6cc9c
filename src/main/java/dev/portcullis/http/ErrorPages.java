package dev.portcullis.http;

import io.helidon.webserver.http.ServerResponse;

/** The HTML pages the {@link ErrorHandler} shows errors on; the templates live with the pages (web). */
public interface ErrorPages {
    /** {@link ErrorStyle#PAGE}: a page a person asked for, refused with {@code status}. */
    void error(ServerResponse res, int status, String description);

    /** {@link ErrorStyle#AUTHORIZATION_PAGE}: {@code [data-testid=oauth-error]} carries {@code errorCode} (page contract). */
    void oauthError(ServerResponse res, int status, String errorCode, String description);
}

package dev.portcullis.api.routes;

import dev.portcullis.api.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** One route's work, called once the caller is authenticated, within its rate limit and scopes. */
@FunctionalInterface
public interface ApiHandler {
    void handle(Principal principal, ServerRequest req, ServerResponse res);
}

package dev.portcullis.authorize;

import dev.portcullis.secrets.SecretHash;
import io.helidon.webserver.http.ServerResponse;

/**
 * Where a browser without a session logs in when the SaaS's own login decides who the user is
 * (externallogin/): asked each time, since the operator may switch it on or off at run time.
 */
@FunctionalInterface
public interface ExternalLogin {
    /** Portcullis's own login page, always. */
    ExternalLogin NONE = (res, returnTo, browser) -> false;

    /**
     * Sends the browser bound by {@code browser} to the external login page, to return to the local
     * path {@code returnTo} once logged in; false, having sent nothing, when Portcullis's own login
     * page should show.
     */
    boolean send(ServerResponse res, String returnTo, SecretHash browser);
}

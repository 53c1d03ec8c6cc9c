package dev.portcullis.authorize;

import dev.portcullis.secrets.SecretHash;
import java.net.URI;
import java.util.Optional;

/**
 * Where a browser without a session logs in when the SaaS's own login decides who the user is
 * (externallogin/): asked each time, since the operator may switch it on or off at run time.
 */
@FunctionalInterface
public interface ExternalLogin {
    /** Portcullis's own login page, always. */
    ExternalLogin NONE = (returnTo, browser) -> Optional.empty();

    /**
     * The external login page for the browser bound by {@code browser}, which returns to the local
     * path {@code returnTo} once logged in; empty when Portcullis's own login page should show.
     */
    Optional<URI> start(String returnTo, SecretHash browser);
}

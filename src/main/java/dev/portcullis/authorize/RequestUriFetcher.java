package dev.portcullis.authorize;

import java.net.URI;

/**
 * Downloads the request object a {@code request_uri} points at (OIDC Core §6.2). The
 * implementation (registration's document fetcher) carries the SSRF protections of Client ID
 * Metadata Documents; this package only asks.
 */
@FunctionalInterface
public interface RequestUriFetcher {

    /** The document's bytes; throws {@link Failure} with a reason fit for the client. */
    byte[] fetch(URI uri);

    /** Why the request object could not be fetched; no stack. */
    final class Failure extends RuntimeException {
        public Failure(String reason) {
            super(reason, null, false, false);
        }
    }
}

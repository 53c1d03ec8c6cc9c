package dev.portcullis.clientauth;

import java.net.URI;

/**
 * Downloads a client's {@code jwks_uri}. The implementation (registration's document fetcher)
 * carries the SSRF protections of Client ID Metadata Documents; this package only asks.
 */
@FunctionalInterface
public interface KeySetFetcher {

    /** The document's bytes; throws {@link Failure} with a reason fit for the log. */
    byte[] fetch(URI uri);

    /** Why a key set could not be fetched; no stack. */
    final class Failure extends RuntimeException {
        public Failure(String reason) {
            super(reason, null, false, false);
        }
    }
}

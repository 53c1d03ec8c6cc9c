package dev.portcullis.apps;

import java.util.Optional;

/**
 * Finds the client a {@code client_id} names: a stored app, or one described by a Client ID
 * Metadata Document when the id is an https URL. Both OAuth endpoints ask this, never the
 * repository directly, so the two kinds of client behave alike.
 */
@FunctionalInterface
public interface ClientLookup {
    Optional<App> find(String clientId);
}

package dev.portcullis.resources;

import dev.portcullis.storage.Tx;
import java.util.List;
import java.util.Optional;

/** Registered protected resources, by URI (unique). */
public interface ResourceRepository {
    void insert(Tx tx, ProtectedResource resource);

    boolean update(Tx tx, String uri, String name, List<String> scopes);

    Optional<ProtectedResource> findByUri(Tx tx, String uri);

    /** By URI. */
    List<ProtectedResource> list(Tx tx);
}

package dev.portcullis.federation;

import dev.portcullis.storage.Tx;
import java.util.List;
import java.util.Optional;

/** The upstream_providers table: providers by id, each with its sealed client secret. */
public interface UpstreamProviderRepository {

    /** Throws {@code UniqueViolation} when the id is taken. */
    void insert(Tx tx, UpstreamProvider provider, String sealedSecret);

    /** Writes every field; the secret only when a new one is given. */
    boolean update(Tx tx, UpstreamProvider provider, Optional<String> sealedSecret);

    Optional<UpstreamProvider> find(Tx tx, String id);

    List<UpstreamProvider> list(Tx tx);

    /** Whether at least one provider is configured. */
    boolean any(Tx tx);

    Optional<String> sealedSecretOf(Tx tx, String id);

    boolean delete(Tx tx, String id);
}

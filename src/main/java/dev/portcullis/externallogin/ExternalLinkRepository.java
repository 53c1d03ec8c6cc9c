package dev.portcullis.externallogin;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** The external_users and external_workspaces tables: the SaaS's own ids of the users and workspaces it named. */
public interface ExternalLinkRepository {

    Optional<String> userOf(Tx tx, String externalId);

    /** Links {@code externalId} to the user, with the SaaS's metadata as JSON (empty keeps what was there). */
    void linkUser(Tx tx, String externalId, String userId, Optional<String> metadata, Instant now);

    Optional<String> workspaceOf(Tx tx, String externalId);

    void linkWorkspace(Tx tx, String externalId, String workspaceId, Instant now);
}

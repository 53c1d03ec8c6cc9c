package dev.portcullis.connections;

import dev.portcullis.storage.Tx;
import java.util.List;
import java.util.Optional;

public interface ConnectionRepository {
    Optional<Connection> find(Tx tx, String userId, String appId, String workspaceId);

    Optional<Connection> findById(Tx tx, String id);

    /** The connection a grant (token family) was issued under; empty for an unknown grant. */
    Optional<Connection> findByGrant(Tx tx, String grantId);

    void insert(Tx tx, Connection connection);

    void updateScopes(Tx tx, String id, List<String> scopes, java.time.Instant at);

    /** Deletes the connection and, by cascade, its grants, codes and tokens. */
    boolean delete(Tx tx, String id);

    List<ConnectionView> listForUser(Tx tx, String userId);

    List<ConnectionView> listForWorkspace(Tx tx, String workspaceId);
}

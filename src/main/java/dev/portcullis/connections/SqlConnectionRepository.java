package dev.portcullis.connections;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

public final class SqlConnectionRepository implements ConnectionRepository {
    private static final String COLUMNS = "id, user_id, app_id, workspace_id, membership_id, scopes, created_at, updated_at";
    private static final String C_COLUMNS = "c." + COLUMNS.replace(", ", ", c.");
    private static final String VIEW = "SELECT c.id, a.name AS app_name, a.id AS app_id, w.id AS workspace_id, "
            + "w.name AS workspace_name, u.name AS user_name, u.email AS user_email, c.scopes, c.created_at "
            + "FROM connections c JOIN apps a ON a.id = c.app_id JOIN workspaces w ON w.id = c.workspace_id "
            + "JOIN users u ON u.id = c.user_id ";

    @Override
    public Optional<Connection> find(Tx tx, String userId, String appId, String workspaceId) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM connections WHERE user_id = ? AND app_id = ? AND workspace_id = ?",
                SqlConnectionRepository::connection, userId, appId, workspaceId);
    }

    @Override
    public Optional<Connection> findById(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM connections WHERE id = ?", SqlConnectionRepository::connection, id);
    }

    /** Reads grants only to follow its connection_id: the one statement a JWT's sub and workspace_id need. */
    @Override
    public Optional<Connection> findByGrant(Tx tx, String grantId) {
        return tx.queryOne("SELECT " + C_COLUMNS + " FROM connections c JOIN grants g ON g.connection_id = c.id WHERE g.id = ?",
                SqlConnectionRepository::connection, grantId);
    }

    @Override
    public void insert(Tx tx, Connection c) {
        tx.update("INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.userId(), c.appId(),
                c.workspaceId(), c.membershipId(), String.join(" ", c.scopes()), c.createdAt(), c.updatedAt());
    }

    @Override
    public void updateScopes(Tx tx, String id, List<String> scopes, Instant at) {
        tx.update("UPDATE connections SET scopes = ?, updated_at = ? WHERE id = ?", String.join(" ", scopes), at, id);
    }

    @Override
    public boolean delete(Tx tx, String id) {
        return tx.update("DELETE FROM connections WHERE id = ?", id) == 1;
    }

    @Override
    public List<ConnectionView> listForUser(Tx tx, String userId) {
        return tx.query(VIEW + "WHERE c.user_id = ? ORDER BY w.name, a.name", SqlConnectionRepository::view, userId);
    }

    @Override
    public List<ConnectionView> listForWorkspace(Tx tx, String workspaceId) {
        return tx.query(VIEW + "WHERE c.workspace_id = ? ORDER BY a.name, u.name", SqlConnectionRepository::view, workspaceId);
    }

    private static Connection connection(Row r) {
        return new Connection(r.text("id"), r.text("user_id"), r.text("app_id"), r.text("workspace_id"), r.text("membership_id"),
                words(r.text("scopes")), r.instant("created_at"), r.instant("updated_at"));
    }

    private static ConnectionView view(Row r) {
        return new ConnectionView(r.text("id"), r.text("app_name"), r.text("app_id"), r.text("workspace_id"),
                r.text("workspace_name"), r.text("user_name"), r.text("user_email"), words(r.text("scopes")),
                r.instant("created_at"));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }
}

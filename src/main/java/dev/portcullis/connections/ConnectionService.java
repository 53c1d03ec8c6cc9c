package dev.portcullis.connections;

import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers consent and revokes it. The user who connected, and any admin of the workspace, may
 * revoke a connection; anyone else is told it does not exist.
 */
public final class ConnectionService {
    private final Database db;
    private final ConnectionRepository connections;
    private final IdentityService identity;
    private final Ids ids;
    private final Clock clock;
    private final CredentialInvalidation credentials;
    private final EventLog events;

    public ConnectionService(Database db, ConnectionRepository connections, IdentityService identity, Ids ids, Clock clock,
                             CredentialInvalidation credentials, EventLog events) {
        this.events = events;
        this.db = db;
        this.connections = connections;
        this.identity = identity;
        this.ids = ids;
        this.clock = clock;
        this.credentials = credentials;
    }

    public Optional<Connection> find(String userId, String appId, String workspaceId) {
        return db.read(tx -> connections.find(tx, userId, appId, workspaceId));
    }

    /** Records consent to {@code scopes}, adding to what was granted before. */
    public Connection approve(Tx tx, String userId, String appId, WorkspaceAccess access, List<String> scopes) {
        Instant now = clock.instant();
        Optional<Connection> existing = connections.find(tx, userId, appId, access.workspace().id());
        if (existing.isPresent()) {
            Set<String> union = new LinkedHashSet<>(existing.get().scopes());
            union.addAll(scopes);
            connections.updateScopes(tx, existing.get().id(), List.copyOf(union), now);
            return connections.findById(tx, existing.get().id()).orElseThrow();
        }
        Connection created = new Connection(ids.next(), userId, appId, access.workspace().id(), access.membership().id(),
                scopes, now, now);
        connections.insert(tx, created);
        return created;
    }

    /** The user said yes on a consent screen: {@link #approve}, and consent.granted in the same transaction. */
    public Connection consent(Tx tx, Actor actor, String userId, String appId, WorkspaceAccess access, List<String> scopes) {
        Connection connection = approve(tx, userId, appId, access, scopes);
        events.record(tx, EventDraft.of(EventType.CONSENT_GRANTED, actor)
                .inWorkspace(connection.workspaceId())
                .about("connection", connection.id())
                .with("client_id", appId)
                .with("user_id", userId)
                .with("scopes", scopes));
        return connection;
    }

    public List<ConnectionView> listForUser(String userId) {
        return db.read(tx -> connections.listForUser(tx, userId));
    }

    /** Every connection into a workspace, for its admins. */
    public List<ConnectionView> listForWorkspace(String actingUserId, String workspaceId) {
        requireAdmin(actingUserId, workspaceId);
        return db.read(tx -> connections.listForWorkspace(tx, workspaceId));
    }

    /** {@code actor}: who asked, for connection.revoked, whose {@code by} says whether the user or an admin did. */
    public void revoke(Actor actor, String actingUserId, String connectionId) {
        db.inTransaction(tx -> {
            Connection c = connections.findById(tx, connectionId)
                    .filter(found -> found.userId().equals(actingUserId) || isAdmin(tx, actingUserId, found.workspaceId()))
                    .orElseThrow(() -> OAuthException.notFound("Connection not found"));
            return delete(tx, actor, c, c.userId().equals(actingUserId) ? "user" : "admin");
        });
        credentials.changed();
    }

    /** An operator disconnects one of {@code userId}'s apps (404 for a connection of someone else). */
    public void revokeByOperator(Actor operator, String userId, String connectionId) {
        db.inTransaction(tx -> {
            Connection c = connections.findById(tx, connectionId).filter(found -> found.userId().equals(userId))
                    .orElseThrow(() -> OAuthException.notFound("Connection not found"));
            return delete(tx, operator, c, "operator");
        });
        credentials.changed();
    }

    /** The connection goes, and with it every grant and token it carries; {@code by}: "user", "admin" or "operator". */
    private boolean delete(Tx tx, Actor actor, Connection c, String by) {
        boolean deleted = connections.delete(tx, c.id());
        events.record(tx, EventDraft.of(EventType.CONNECTION_REVOKED, actor)
                .inWorkspace(c.workspaceId())
                .about("connection", c.id())
                .with("client_id", c.appId())
                .with("user_id", c.userId())
                .with("by", by));
        return deleted;
    }

    private boolean isAdmin(Tx tx, String userId, String workspaceId) {
        return identity.access(tx, userId, workspaceId).map(WorkspaceAccess::isAdmin).orElse(false);
    }

    private void requireAdmin(String userId, String workspaceId) {
        if (!db.read(tx -> isAdmin(tx, userId, workspaceId))) throw OAuthException.notFound("Workspace not found");
    }
}

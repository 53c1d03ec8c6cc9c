package dev.portcullis.webhooks;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhook endpoints and their sealed signing secrets (never a secret in clear). */
public interface WebhookEndpointRepository {

    /** An endpoint as stored: its secret sealed, and after a rotation the previous one until it stops signing. */
    record Stored(WebhookEndpoint endpoint, String sealedSecret, Optional<String> previousSealedSecret,
                  Optional<Instant> previousUntil) {}

    void insert(Tx tx, Stored stored);

    Optional<Stored> find(Tx tx, String id);

    /** Every endpoint, global and of every workspace, oldest first. */
    List<WebhookEndpoint> all(Tx tx);

    /** The endpoint of {@code workspaceId} (or the global one) with this target URL: what an import matches on. */
    Optional<WebhookEndpoint> findByTarget(Tx tx, Optional<String> workspaceId, String targetUrl);

    /** One workspace's endpoints, oldest first. */
    List<WebhookEndpoint> ofWorkspace(Tx tx, String workspaceId);

    /** Saves the target, the event types and the enabled state; false when there is no such endpoint. */
    boolean update(Tx tx, WebhookEndpoint endpoint);

    /** A new secret; the one it replaces keeps signing until {@code previousUntil}. */
    boolean rotate(Tx tx, String id, String sealedSecret, String previousSealedSecret, Instant previousUntil, Instant now);

    /** Disables an enabled endpoint; false when it was not enabled (already disabled, or gone). */
    boolean disable(Tx tx, String id, Instant now);

    /** Whether any endpoint, global or of a workspace, is enabled. */
    boolean anyEnabled(Tx tx);

    boolean delete(Tx tx, String id);
}

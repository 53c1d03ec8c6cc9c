package dev.portcullis.webhooks;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Webhook endpoints in SQL; event types are one space-separated column. */
public final class SqlWebhookEndpointRepository implements WebhookEndpointRepository {
    private static final String COLUMNS = "id, workspace_id, target_url, event_types, enabled, created_at, updated_at";

    @Override
    public void insert(Tx tx, Stored s) {
        WebhookEndpoint e = s.endpoint();
        tx.update("INSERT INTO webhook_endpoints (id, workspace_id, target_url, event_types, enabled, sealed_secret, "
                        + "previous_sealed_secret, previous_secret_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.workspaceId().orElse(null), e.targetUrl().toString(), types(e), e.enabled(), s.sealedSecret(),
                s.previousSealedSecret().orElse(null), s.previousUntil().orElse(null), e.createdAt(), e.updatedAt());
    }

    @Override
    public Optional<Stored> find(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + ", sealed_secret, previous_sealed_secret, previous_secret_until "
                        + "FROM webhook_endpoints WHERE id = ?",
                r -> new Stored(endpoint(r), r.text("sealed_secret"), r.optionalText("previous_sealed_secret"),
                        r.optionalInstant("previous_secret_until")), id);
    }

    @Override
    public List<WebhookEndpoint> all(Tx tx) {
        return tx.query("SELECT " + COLUMNS + " FROM webhook_endpoints ORDER BY created_at, id", SqlWebhookEndpointRepository::endpoint);
    }

    @Override
    public Optional<WebhookEndpoint> findByTarget(Tx tx, Optional<String> workspaceId, String targetUrl) {
        String scope = workspaceId.isPresent() ? "workspace_id = ?" : "workspace_id IS NULL";
        Object[] args = workspaceId.isPresent() ? new Object[] {targetUrl, workspaceId.get()} : new Object[] {targetUrl};
        return tx.query("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE target_url = ? AND " + scope + " ORDER BY created_at, id",
                SqlWebhookEndpointRepository::endpoint, args).stream().findFirst();
    }

    @Override
    public List<WebhookEndpoint> ofWorkspace(Tx tx, String workspaceId) {
        return tx.query("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE workspace_id = ? ORDER BY created_at, id",
                SqlWebhookEndpointRepository::endpoint, workspaceId);
    }

    @Override
    public boolean update(Tx tx, WebhookEndpoint e) {
        return tx.update("UPDATE webhook_endpoints SET target_url = ?, event_types = ?, enabled = ?, updated_at = ? WHERE id = ?",
                e.targetUrl().toString(), types(e), e.enabled(), e.updatedAt(), e.id()) == 1;
    }

    @Override
    public boolean rotate(Tx tx, String id, String sealedSecret, String previousSealedSecret, Instant previousUntil, Instant now) {
        return tx.update("UPDATE webhook_endpoints SET sealed_secret = ?, previous_sealed_secret = ?, previous_secret_until = ?, "
                + "updated_at = ? WHERE id = ?", sealedSecret, previousSealedSecret, previousUntil, now, id) == 1;
    }

    @Override
    public boolean anyEnabled(Tx tx) {
        return tx.count("SELECT COUNT(*) AS n FROM webhook_endpoints WHERE enabled = ?", true) > 0;
    }

    @Override
    public boolean disable(Tx tx, String id, Instant now) {
        return tx.update("UPDATE webhook_endpoints SET enabled = ?, updated_at = ? WHERE id = ? AND enabled = ?", false, now, id, true) == 1;
    }

    @Override
    public boolean delete(Tx tx, String id) {
        return tx.update("DELETE FROM webhook_endpoints WHERE id = ?", id) == 1;
    }

    private static String types(WebhookEndpoint e) {
        return String.join(" ", new TreeSet<>(e.eventTypes()));
    }

    private static WebhookEndpoint endpoint(Row r) {
        return new WebhookEndpoint(r.text("id"), r.optionalText("workspace_id"), URI.create(r.text("target_url")),
                new TreeSet<>(Arrays.asList(r.text("event_types").split(" "))), r.flag("enabled"), r.instant("created_at"),
                r.instant("updated_at"));
    }
}

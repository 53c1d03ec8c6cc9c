package dev.portcullis.par;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** {@link PushedRequestRepository} in the SQL both databases speak (both have DELETE ... RETURNING). */
public final class SqlPushedRequestRepository implements PushedRequestRepository {

    @Override
    public void insert(Tx tx, Pushed row, Instant now) {
        tx.update("DELETE FROM pushed_authorization_requests WHERE expires_at <= ?", now);
        tx.update("INSERT INTO pushed_authorization_requests (request_uri_hash, app_id, parameters, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", row.requestUri().hex(), row.appId(), row.parameters(), row.createdAt(), row.expiresAt());
    }

    @Override
    public Optional<String> redeem(Tx tx, SecretHash requestUri, String appId, Instant now) {
        return tx.queryOne("DELETE FROM pushed_authorization_requests WHERE request_uri_hash = ? AND app_id = ? AND expires_at > ? "
                + "RETURNING parameters", r -> r.text("parameters"), requestUri.hex(), appId, now);
    }
}

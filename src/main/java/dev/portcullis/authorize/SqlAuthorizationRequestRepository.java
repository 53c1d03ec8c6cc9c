package dev.portcullis.authorize;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** {@link AuthorizationRequestRepository} in the SQL both databases speak. */
public final class SqlAuthorizationRequestRepository implements AuthorizationRequestRepository {

    @Override
    public void insert(Tx tx, Stored row, Instant now) {
        tx.update("DELETE FROM authorization_requests WHERE expires_at < ?", now);
        tx.update("INSERT INTO authorization_requests (handle_hash, app_id, request, created_at, expires_at, browser_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", row.handle().hex(), row.appId(), row.request(), row.createdAt(), row.expiresAt(),
                row.browser().map(SecretHash::hex).orElse(null));
    }

    @Override
    public Optional<Stored> claim(Tx tx, SecretHash handle, SecretHash browser, Instant now) {
        tx.update("UPDATE authorization_requests SET browser_hash = ? WHERE handle_hash = ? AND browser_hash IS NULL",
                browser.hex(), handle.hex());
        return tx.queryOne("SELECT handle_hash, app_id, request, created_at, expires_at, browser_hash FROM authorization_requests "
                + "WHERE handle_hash = ? AND browser_hash = ? AND expires_at > ?", SqlAuthorizationRequestRepository::row,
                handle.hex(), browser.hex(), now);
    }

    @Override
    public Optional<String> appOf(Tx tx, SecretHash handle, Instant now) {
        return tx.queryOne("SELECT app_id FROM authorization_requests WHERE handle_hash = ? AND expires_at > ?",
                r -> r.text("app_id"), handle.hex(), now);
    }

    @Override
    public boolean consume(Tx tx, SecretHash handle) {
        return tx.update("DELETE FROM authorization_requests WHERE handle_hash = ?", handle.hex()) == 1;
    }

    private static Stored row(dev.portcullis.storage.Row r) {
        return new Stored(new SecretHash(r.text("handle_hash")), r.text("app_id"), r.text("request"), r.instant("created_at"),
                r.instant("expires_at"), r.optionalText("browser_hash").map(SecretHash::new));
    }
}

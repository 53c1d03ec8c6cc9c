package dev.portcullis.externallogin;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** {@link ExternalAuthRepository} in the SQL both databases speak (both have UPDATE ... RETURNING). */
public final class SqlExternalAuthRepository implements ExternalAuthRepository {

    @Override
    public void insert(Tx tx, Started row, Instant now) {
        tx.update("DELETE FROM external_auth_requests WHERE expires_at < ? AND (code_expires_at IS NULL OR code_expires_at < ?)",
                now, now);
        tx.update("INSERT INTO external_auth_requests (id_hash, browser_hash, return_to, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                row.id().hex(), row.browser().hex(), row.returnTo(), row.createdAt(), row.expiresAt());
    }

    @Override
    public Optional<String> complete(Tx tx, SecretHash id, Instant now) {
        return tx.queryOne("UPDATE external_auth_requests SET completed_at = ? "
                        + "WHERE id_hash = ? AND completed_at IS NULL AND expires_at > ? RETURNING return_to",
                r -> r.text("return_to"), now, id.hex(), now);
    }

    @Override
    public Optional<Status> status(Tx tx, SecretHash id) {
        return tx.queryOne("SELECT expires_at, completed_at FROM external_auth_requests WHERE id_hash = ?",
                r -> new Status(r.instant("expires_at"), r.optionalInstant("completed_at").isPresent()), id.hex());
    }

    @Override
    public void attach(Tx tx, SecretHash id, String userId, SecretHash code, Instant codeExpiresAt, String returnTo) {
        tx.update("UPDATE external_auth_requests SET user_id = ?, code_hash = ?, code_expires_at = ?, return_to = ? WHERE id_hash = ?",
                userId, code.hex(), codeExpiresAt, returnTo, id.hex());
    }

    @Override
    public Optional<Redeemed> redeem(Tx tx, SecretHash code, SecretHash browser, Instant now) {
        return tx.queryOne("UPDATE external_auth_requests SET used_at = ? WHERE code_hash = ? AND browser_hash = ? "
                        + "AND used_at IS NULL AND code_expires_at > ? RETURNING user_id, return_to",
                r -> new Redeemed(r.text("user_id"), r.text("return_to")), now, code.hex(), browser.hex(), now);
    }
}

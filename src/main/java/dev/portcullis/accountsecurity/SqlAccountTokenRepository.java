package dev.portcullis.accountsecurity;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** {@link AccountTokenRepository} in the SQL both databases speak (both have UPDATE ... RETURNING). */
public final class SqlAccountTokenRepository implements AccountTokenRepository {

    @Override
    public void insert(Tx tx, SecretHash id, Purpose purpose, Holder holder, Instant createdAt, Instant expiresAt) {
        tx.update("INSERT INTO account_tokens (id_hash, purpose, user_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                id.hex(), purpose.value(), holder.userId(), holder.email(), createdAt, expiresAt);
    }

    @Override
    public Optional<Holder> findLive(Tx tx, SecretHash id, Purpose purpose, Instant now) {
        return tx.queryOne("SELECT user_id, email FROM account_tokens WHERE id_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
                r -> new Holder(r.text("user_id"), r.text("email")), id.hex(), purpose.value(), now);
    }

    @Override
    public Optional<Holder> redeem(Tx tx, SecretHash id, Purpose purpose, Instant now) {
        return tx.queryOne("UPDATE account_tokens SET used_at = ? WHERE id_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? "
                        + "RETURNING user_id, email",
                r -> new Holder(r.text("user_id"), r.text("email")), now, id.hex(), purpose.value(), now);
    }

    @Override
    public int deleteAll(Tx tx, String userId, Purpose purpose) {
        return tx.update("DELETE FROM account_tokens WHERE user_id = ? AND purpose = ?", userId, purpose.value());
    }
}

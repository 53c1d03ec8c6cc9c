package dev.portcullis.mfa;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Passkeys in SQL. */
public final class SqlPasskeyRepository implements PasskeyRepository {
    private static final String COLUMNS = "id, user_id, credential_id, public_key, aaguid, sign_count, transports, user_handle, name, "
            + "created_at, last_used_at";

    @Override
    public boolean insert(Tx tx, Stored p) {
        if (findByCredentialId(tx, p.credentialId()).isPresent()) return false;
        try {
            tx.update("INSERT INTO passkeys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.userId(),
                    p.credentialId(), p.publicKey(), p.aaguid(), p.signCount(), String.join(" ", p.transports()), p.userHandle(),
                    p.name(), p.createdAt(), p.lastUsedAt().orElse(null));
            return true;
        } catch (UniqueViolation raced) {
            return false;
        }
    }

    @Override
    public Optional<Stored> findByCredentialId(Tx tx, String credentialId) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM passkeys WHERE credential_id = ?", SqlPasskeyRepository::row, credentialId);
    }

    @Override
    public List<Stored> listOf(Tx tx, String userId) {
        return tx.query("SELECT " + COLUMNS + " FROM passkeys WHERE user_id = ? ORDER BY created_at, id", SqlPasskeyRepository::row, userId);
    }

    @Override
    public Optional<String> userHandleOf(Tx tx, String userId) {
        return tx.queryOne("SELECT user_handle FROM passkeys WHERE user_id = ? ORDER BY created_at LIMIT 1", r -> r.text("user_handle"),
                userId);
    }

    @Override
    public boolean use(Tx tx, String credentialId, long signCount, Instant now) {
        return tx.update("UPDATE passkeys SET sign_count = ?, last_used_at = ? WHERE credential_id = ? "
                + "AND (sign_count < ? OR (sign_count = 0 AND ? = 0))", signCount, now, credentialId, signCount, signCount) == 1;
    }

    @Override
    public boolean rename(Tx tx, String userId, String id, String name) {
        return tx.update("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?", name, id, userId) == 1;
    }

    @Override
    public boolean delete(Tx tx, String userId, String id) {
        return tx.update("DELETE FROM passkeys WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    private static Stored row(Row r) {
        return new Stored(r.text("id"), r.text("user_id"), r.text("credential_id"), r.text("public_key"), r.text("aaguid"),
                r.number("sign_count"), Arrays.stream(r.text("transports").split(" ")).filter(t -> !t.isEmpty()).toList(),
                r.text("user_handle"), r.text("name"), r.instant("created_at"), r.optionalInstant("last_used_at"));
    }
}

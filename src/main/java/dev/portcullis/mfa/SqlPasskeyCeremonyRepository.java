package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** WebAuthn ceremonies in SQL, so the instance that checks the answer need not be the one that sent the challenge. */
public final class SqlPasskeyCeremonyRepository implements PasskeyCeremonyRepository {

    @Override
    public void insert(Tx tx, SecretHash id, Stored c) {
        tx.update("INSERT INTO passkey_ceremonies (id_hash, purpose, user_id, user_handle, challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                id.hex(), c.purpose(), c.userId().orElse(null), c.userHandle().orElse(null), c.challenge(), c.expiresAt());
    }

    @Override
    public Optional<Stored> take(Tx tx, SecretHash id, Instant now) {
        Optional<Stored> found = tx.queryOne("SELECT purpose, user_id, user_handle, challenge, expires_at FROM passkey_ceremonies "
                        + "WHERE id_hash = ?", r -> new Stored(r.text("purpose"), r.optionalText("user_id"), r.optionalText("user_handle"),
                        r.text("challenge"), r.instant("expires_at")), id.hex());
        // The DELETE decides: of two requests with the same cookie, one removes the row and only it goes on.
        if (found.isEmpty() || tx.update("DELETE FROM passkey_ceremonies WHERE id_hash = ?", id.hex()) != 1) return Optional.empty();
        return found.filter(c -> c.expiresAt().isAfter(now));
    }

    @Override
    public int deleteExpired(Tx tx, Instant now) {
        return tx.update("DELETE FROM passkey_ceremonies WHERE expires_at <= ?", now);
    }
}

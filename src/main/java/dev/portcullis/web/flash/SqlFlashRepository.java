package dev.portcullis.web.flash;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Page flashes in SQL, so the instance that answers the redirect need not be the one that took the POST. */
public final class SqlFlashRepository implements FlashRepository {

    @Override
    public void insert(Tx tx, SecretHash id, Stored f) {
        tx.update("INSERT INTO page_flashes (id_hash, session_hash, section, notice, secret_label, sealed_secret, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", id.hex(), f.session().hex(), f.section(), f.notice(),
                f.secretLabel().orElse(null), f.sealedSecret().orElse(null), f.expiresAt());
    }

    @Override
    public Optional<Stored> take(Tx tx, SecretHash id, SecretHash session, Instant now) {
        return tx.queryOne("DELETE FROM page_flashes WHERE id_hash = ? AND session_hash = ? AND expires_at > ? "
                        + "RETURNING section, notice, secret_label, sealed_secret, expires_at",
                r -> new Stored(session, r.text("section"), r.text("notice"), r.optionalText("secret_label"),
                        r.optionalText("sealed_secret"), r.instant("expires_at")),
                id.hex(), session.hex(), now);
    }

    @Override
    public int deleteExpiredOf(Tx tx, SecretHash session, Instant now) {
        return tx.update("DELETE FROM page_flashes WHERE session_hash = ? AND expires_at <= ?", session.hex(), now);
    }
}

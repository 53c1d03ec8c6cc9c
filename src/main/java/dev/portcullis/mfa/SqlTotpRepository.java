package dev.portcullis.mfa;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** TOTP authenticators in SQL. */
public final class SqlTotpRepository implements TotpRepository {

    @Override
    public boolean propose(Tx tx, String userId, String sealedSecret, Instant now) {
        tx.update("DELETE FROM mfa_totp WHERE user_id = ? AND confirmed_at IS NULL", userId);
        if (tx.count("SELECT COUNT(*) AS n FROM mfa_totp WHERE user_id = ?", userId) > 0) return false;
        tx.update("INSERT INTO mfa_totp (user_id, sealed_secret, created_at) VALUES (?, ?, ?)", userId, sealedSecret, now);
        return true;
    }

    @Override
    public Optional<Stored> find(Tx tx, String userId) {
        return tx.queryOne("SELECT user_id, sealed_secret, confirmed_at, last_step, created_at FROM mfa_totp WHERE user_id = ?",
                r -> new Stored(r.text("user_id"), r.text("sealed_secret"), r.optionalInstant("confirmed_at"),
                        r.optionalNumber("last_step"), r.instant("created_at")),
                userId);
    }

    @Override
    public boolean confirm(Tx tx, String userId, long step, Instant now) {
        return tx.update("UPDATE mfa_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ? AND confirmed_at IS NULL",
                now, step, userId) == 1;
    }

    @Override
    public boolean use(Tx tx, String userId, long step) {
        return tx.update("UPDATE mfa_totp SET last_step = ? WHERE user_id = ? AND confirmed_at IS NOT NULL "
                + "AND (last_step IS NULL OR last_step < ?)", step, userId, step) == 1;
    }

    @Override
    public boolean delete(Tx tx, String userId) {
        return tx.update("DELETE FROM mfa_totp WHERE user_id = ?", userId) == 1;
    }
}

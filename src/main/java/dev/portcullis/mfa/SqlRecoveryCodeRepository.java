package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;

/** Recovery codes in SQL. */
public final class SqlRecoveryCodeRepository implements RecoveryCodeRepository {

    @Override
    public void replace(Tx tx, String userId, List<SecretHash> codes) {
        deleteAll(tx, userId);
        for (SecretHash code : codes) {
            tx.update("INSERT INTO mfa_recovery_codes (code_hash, user_id) VALUES (?, ?)", code.hex(), userId);
        }
    }

    @Override
    public boolean use(Tx tx, String userId, SecretHash code, Instant now) {
        return tx.update("UPDATE mfa_recovery_codes SET used_at = ? WHERE code_hash = ? AND user_id = ? AND used_at IS NULL",
                now, code.hex(), userId) == 1;
    }

    @Override
    public long unused(Tx tx, String userId) {
        return tx.count("SELECT COUNT(*) AS n FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL", userId);
    }

    @Override
    public void deleteAll(Tx tx, String userId) {
        tx.update("DELETE FROM mfa_recovery_codes WHERE user_id = ?", userId);
    }
}

package dev.portcullis.revoke;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.util.List;
import java.util.Optional;

/** {@link RevocationRepository} in one SQL for SQLite and PostgreSQL; cascades do the rest. */
public final class SqlRevocationRepository implements RevocationRepository {

    @Override
    public List<SecretHash> revokeAccessToken(Tx tx, SecretHash hash, boolean jwt, String clientId) {
        int deleted = tx.update("DELETE FROM access_tokens WHERE token_hash = ? AND app_id = ? AND format = ?",
                hash.hex(), clientId, jwt ? "jwt" : "opaque");
        return deleted == 1 ? List.of(hash) : List.of();
    }

    @Override
    public List<SecretHash> revokeRefreshToken(Tx tx, SecretHash hash, String clientId) {
        Optional<String> grantId = tx.queryOne("SELECT g.id FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id "
                + "WHERE r.token_hash = ? AND g.app_id = ?", r -> r.text("id"), hash.hex(), clientId);
        if (grantId.isEmpty()) return List.of();
        List<SecretHash> accessTokens = tx.query("SELECT token_hash FROM access_tokens WHERE grant_id = ?",
                r -> new SecretHash(r.text("token_hash")), grantId.get());
        tx.update("DELETE FROM grants WHERE id = ?", grantId.get());
        return accessTokens;
    }
}

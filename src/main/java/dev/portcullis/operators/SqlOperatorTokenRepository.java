package dev.portcullis.operators;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.util.Optional;

/** {@link OperatorTokenRepository} in SQL (table {@code operator_tokens}). */
public final class SqlOperatorTokenRepository implements OperatorTokenRepository {
    @Override
    public void insert(Tx tx, OperatorToken t, SecretHash hash) {
        tx.update("INSERT INTO operator_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                t.id(), t.name(), hash.hex(), t.createdAt());
    }

    @Override
    public Optional<OperatorToken> findByHash(Tx tx, SecretHash hash) {
        return tx.queryOne("SELECT id, name, created_at FROM operator_tokens WHERE token_hash = ?",
                r -> new OperatorToken(r.text("id"), r.text("name"), r.instant("created_at")), hash.hex());
    }
}

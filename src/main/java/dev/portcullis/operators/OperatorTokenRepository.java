package dev.portcullis.operators;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.util.Optional;

/** Operator tokens by the hash of their value. */
public interface OperatorTokenRepository {
    void insert(Tx tx, OperatorToken token, SecretHash hash);

    Optional<OperatorToken> findByHash(Tx tx, SecretHash hash);
}

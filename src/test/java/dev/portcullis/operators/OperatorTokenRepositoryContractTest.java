package dev.portcullis.operators;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link OperatorTokenRepository}'s promises on both databases: found by the hash of its value only, one row per value. */
@ParameterizedClass
@EnumSource(Db.class)
class OperatorTokenRepositoryContractTest extends RepositoryContract {
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00.123Z");

    static final OperatorTokenRepository tokens = new SqlOperatorTokenRepository();
    static int ids;

    static OperatorToken insert(String name, SecretHash hash) {
        var token = new OperatorToken("op-" + (++ids), name, NOW);
        database.inTransaction(tx -> {
            tokens.insert(tx, token, hash);
            return null;
        });
        return token;
    }

    static Optional<OperatorToken> find(SecretHash hash) {
        return database.read(tx -> tokens.findByHash(tx, hash));
    }

    @Test
    void findByHashWhenInsertedThenTheSameTokenToTheMillisecond() {
        SecretHash hash = SecretHash.of("pc_op_deploy");
        OperatorToken token = insert("deploy bot", hash);
        assertEquals(Optional.of(token), find(hash));
    }

    @Test
    void findByHashWhenUnknownOrTheRawValueThenEmpty() {
        insert("ci", SecretHash.of("pc_op_ci"));
        assertTrue(find(SecretHash.of("pc_op_other")).isEmpty());
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM operator_tokens WHERE token_hash = ?",
                "pc_op_ci")), "only the hash is stored");
    }

    @Test
    void insertWhenTheHashIsAlreadyStoredThenUniqueViolationAndTheFirstStays() {
        SecretHash hash = SecretHash.of("pc_op_twice");
        OperatorToken first = insert("first", hash);
        assertThrows(UniqueViolation.class, () -> insert("second", hash));
        assertEquals(Optional.of(first), find(hash));
    }

    @Test
    void insertWhenTheIdIsAlreadyStoredThenUniqueViolation() {
        OperatorToken first = insert("first", SecretHash.of("pc_op_id-1"));
        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx -> {
            tokens.insert(tx, new OperatorToken(first.id(), "copy", NOW), SecretHash.of("pc_op_id-2"));
            return null;
        }));
        assertTrue(find(SecretHash.of("pc_op_id-2")).isEmpty());
    }
}

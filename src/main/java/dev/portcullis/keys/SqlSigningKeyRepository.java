package dev.portcullis.keys;

import dev.portcullis.storage.Database;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * signing_keys on SQLite or PostgreSQL. The partial unique index on the current key per algorithm
 * makes a concurrent second rotation insert nothing ({@code ON CONFLICT DO NOTHING}) instead of
 * creating a second current key.
 */
final class SqlSigningKeyRepository implements SigningKeyRepository {
    private static final String COLUMNS = "kid, alg, public_jwk, private_jwk, created_at, retired_at, published_until";

    private final Database db;

    SqlSigningKeyRepository(Database db) {
        this.db = db;
    }

    @Override
    public List<StoredKey> published(Instant now) {
        return db.read(tx -> tx.query("SELECT " + COLUMNS + " FROM signing_keys"
                + " WHERE retired_at IS NULL OR published_until > ? ORDER BY created_at, kid",
                SqlSigningKeyRepository::key, now));
    }

    @Override
    public boolean addFirst(StoredKey key) {
        return db.inTransaction(tx -> insert(tx, key));
    }

    @Override
    public boolean rotate(StoredKey next, Instant now, Instant publishedUntil, Optional<Instant> onlyIfCreatedBefore,
                          Consumer<Tx> alongside) {
        return db.inTransaction(tx -> {
            String retire = "UPDATE signing_keys SET retired_at = ?, published_until = ? WHERE alg = ? AND retired_at IS NULL";
            int retired = onlyIfCreatedBefore.isPresent()
                    ? tx.update(retire + " AND created_at <= ?", now, publishedUntil, next.alg(), onlyIfCreatedBefore.get())
                    : tx.update(retire, now, publishedUntil, next.alg());
            if (retired == 0 && onlyIfCreatedBefore.isPresent()) return false;
            tx.update("DELETE FROM signing_keys WHERE published_until <= ?", now);
            boolean stored = insert(tx, next);
            if (stored) alongside.accept(tx);
            return stored;
        });
    }

    private static boolean insert(Tx tx, StoredKey key) {
        return tx.update("INSERT INTO signing_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key.kid(), key.alg(), key.publicJwk(), key.sealedPrivateJwk(), key.createdAt(),
                key.retiredAt().orElse(null), key.publishedUntil().orElse(null)) == 1;
    }

    private static StoredKey key(Row r) {
        return new StoredKey(r.text("kid"), SigningAlgorithm.valueOf(r.text("alg")), r.text("public_jwk"),
                r.text("private_jwk"), r.instant("created_at"), r.optionalInstant("retired_at"),
                r.optionalInstant("published_until"));
    }
}

package dev.portcullis.exchange;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link TrustedIssuerRepository} in one SQL for SQLite and PostgreSQL. */
public final class SqlTrustedIssuerRepository implements TrustedIssuerRepository {
    private static final String COLUMNS = "id, issuer, jwks, jwks_uri, audiences, client_ids, created_at, updated_at";

    @Override
    public void insert(Tx tx, TrustedIssuer t) {
        tx.update("INSERT INTO trusted_issuers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.issuer(),
                t.keys().jwks().orElse(null), t.keys().jwksUri().orElse(null), join(t.audiences()), join(t.clientIds()),
                t.createdAt(), t.updatedAt());
    }

    @Override
    public boolean update(Tx tx, TrustedIssuer t) {
        return tx.update("UPDATE trusted_issuers SET issuer = ?, jwks = ?, jwks_uri = ?, audiences = ?, client_ids = ?, "
                        + "updated_at = ? WHERE id = ?", t.issuer(), t.keys().jwks().orElse(null), t.keys().jwksUri().orElse(null),
                join(t.audiences()), join(t.clientIds()), t.updatedAt(), t.id()) == 1;
    }

    @Override
    public Optional<TrustedIssuer> find(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM trusted_issuers WHERE id = ?", SqlTrustedIssuerRepository::issuer, id);
    }

    @Override
    public Optional<TrustedIssuer> findByIssuer(Tx tx, String issuer) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM trusted_issuers WHERE issuer = ?", SqlTrustedIssuerRepository::issuer, issuer);
    }

    @Override
    public List<TrustedIssuer> list(Tx tx) {
        return tx.query("SELECT " + COLUMNS + " FROM trusted_issuers ORDER BY id", SqlTrustedIssuerRepository::issuer);
    }

    @Override
    public boolean delete(Tx tx, String id) {
        return tx.update("DELETE FROM trusted_issuers WHERE id = ?", id) == 1;
    }

    @Override
    public boolean useJti(Tx tx, String issuerId, SecretHash jti, Instant expiresAt, Instant now) {
        // A conflicting row yields to the new use only once it has expired: 0 rows changed is a replay.
        return tx.update("INSERT INTO trusted_issuer_jtis (issuer_id, jti_hash, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (issuer_id, jti_hash) DO UPDATE SET expires_at = excluded.expires_at "
                + "WHERE trusted_issuer_jtis.expires_at <= ?", issuerId, jti.hex(), expiresAt, now) == 1;
    }

    @Override
    public int deleteExpiredJtis(Tx tx, Instant now) {
        return tx.update("DELETE FROM trusted_issuer_jtis WHERE expires_at <= ?", now);
    }

    private static TrustedIssuer issuer(Row r) {
        var keys = new ClientKeys(r.optionalText("jwks"), r.optionalText("jwks_uri"), Optional.empty());
        return new TrustedIssuer(r.text("id"), r.text("issuer"), keys, words(r.text("audiences")), words(r.text("client_ids")),
                r.instant("created_at"), r.instant("updated_at"));
    }

    private static String join(List<String> values) {
        return String.join(" ", values);
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }
}

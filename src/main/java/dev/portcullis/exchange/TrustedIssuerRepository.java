package dev.portcullis.exchange;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The trusted_issuers table and its trusted_issuer_jtis (RFC 7523 §3: each assertion once), kept
 * in the database so every instance refuses a replay another accepted.
 */
public interface TrustedIssuerRepository {

    /** Throws {@code UniqueViolation} when the id or the issuer is taken. */
    void insert(Tx tx, TrustedIssuer issuer);

    /** Writes every field of the issuer with this id; false when there is none. */
    boolean update(Tx tx, TrustedIssuer issuer);

    Optional<TrustedIssuer> find(Tx tx, String id);

    /** By the exact {@code iss} string. */
    Optional<TrustedIssuer> findByIssuer(Tx tx, String issuer);

    /** By id. */
    List<TrustedIssuer> list(Tx tx);

    boolean delete(Tx tx, String id);

    /** Records the jti until {@code expiresAt} in one statement: true if new (or its earlier use expired), false for a replay. */
    boolean useJti(Tx tx, String issuerId, SecretHash jti, Instant expiresAt, Instant now);

    /** Forgets the jtis of assertions expired by {@code now}; how many. */
    int deleteExpiredJtis(Tx tx, Instant now);
}

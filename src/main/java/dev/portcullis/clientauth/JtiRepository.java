package dev.portcullis.clientauth;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;

/**
 * The jti of every client assertion accepted and not yet expired (RFC 7523 §3: a JWT may be used
 * only once), in the database so every instance refuses a replay another accepted.
 */
public interface JtiRepository {

    /**
     * Records that {@code clientId} used {@code jti} until {@code expiresAt}, in one statement:
     * true if it is new (or its earlier use expired by {@code now}), false for a replay.
     */
    boolean use(Tx tx, String clientId, SecretHash jti, Instant expiresAt, Instant now);

    /** Forgets the jtis whose assertions expired by {@code now}; how many. */
    int deleteExpired(Tx tx, Instant now);
}

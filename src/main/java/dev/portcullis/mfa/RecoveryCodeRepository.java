package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;

/** One-time recovery codes by their SHA-256. */
public interface RecoveryCodeRepository {

    /** The user's codes become exactly {@code codes}: earlier ones, used or not, stop working. */
    void replace(Tx tx, String userId, List<SecretHash> codes);

    /** Uses a code once: true only for an unused code of this user, marked used in the same statement. */
    boolean use(Tx tx, String userId, SecretHash code, Instant now);

    long unused(Tx tx, String userId);

    void deleteAll(Tx tx, String userId);
}

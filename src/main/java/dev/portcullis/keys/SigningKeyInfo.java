package dev.portcullis.keys;

import java.time.Instant;
import java.util.Optional;

/** What an operator sees of a signing key: never any key material. */
public record SigningKeyInfo(String kid, SigningAlgorithm alg, boolean current, Instant createdAt,
                             Optional<Instant> retiredAt, Optional<Instant> publishedUntil) {

    static SigningKeyInfo of(StoredKey key) {
        return new SigningKeyInfo(key.kid(), key.alg(), key.isCurrent(), key.createdAt(), key.retiredAt(), key.publishedUntil());
    }
}

package dev.portcullis.keys;

import java.time.Instant;
import java.util.Optional;

/** A signing_keys row: the public JWK as JSON and the private one still sealed under the master key. */
record StoredKey(String kid, SigningAlgorithm alg, String publicJwk, String sealedPrivateJwk, Instant createdAt,
                 Optional<Instant> retiredAt, Optional<Instant> publishedUntil) {

    boolean isCurrent() {
        return retiredAt.isEmpty();
    }
}

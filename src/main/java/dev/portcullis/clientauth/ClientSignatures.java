package dev.portcullis.clientauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Checks a JWS a client signed (a client assertion, a request object) against the client's
 * registered public keys: inline, or its jwks_uri as kept by {@link KeySets}, fetched again once
 * for a key the kept set lacks. One instance is shared, so every use sees the same kept keys.
 */
public final class ClientSignatures {
    private final KeySets keySets;

    public ClientSignatures(KeySetFetcher fetcher, Clock clock) {
        this.keySets = new KeySets(fetcher, clock);
    }

    /** Empty when a registered key that fits the header (kid, type, use) verifies {@code jwt}; else why not, for the log. */
    public Optional<String> failure(SignedJWT jwt, ClientKeys keys) {
        KeySets.Fetched known = keySets.current(keys);
        if (verifiedByAny(jwt, known)) return Optional.empty();
        Optional<KeySets.Fetched> fresh = keySets.refetched(keys, known);
        if (fresh.isPresent() && verifiedByAny(jwt, fresh.get())) return Optional.empty();
        KeySets.Fetched last = fresh.orElse(known);
        return Optional.of(last.keys().isEmpty() ? last.failure() : "no registered key verifies the signature");
    }

    private static boolean verifiedByAny(SignedJWT jwt, KeySets.Fetched fetched) {
        if (fetched.keys().isEmpty()) return false;
        List<JWK> candidates = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(fetched.keys().get());
        for (JWK key : candidates) {
            try {
                if (jwt.verify(verifier(key))) return true;
            } catch (JOSEException | RuntimeException e) {
                // a key this algorithm cannot use (an Ed25519 x of the wrong length throws), or a malformed signature: try the next
            }
        }
        return false;
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec);
            case OctetKeyPair okp -> new Ed25519Verifier(okp);
            default -> throw new JOSEException("unsupported key type " + key.getKeyType());
        };
    }
}

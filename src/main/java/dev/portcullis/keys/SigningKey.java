package dev.portcullis.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A stored key opened for use: its Nimbus signer and verifier, built once. The published JWK is
 * derived from the decrypted (authenticated) private key, never taken on trust from the table.
 */
final class SigningKey {
    private final StoredKey stored;
    private final JWK publicJwk;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    private SigningKey(StoredKey stored, JWK publicJwk, JWSSigner signer, JWSVerifier verifier) {
        this.stored = stored;
        this.publicJwk = publicJwk;
        this.signer = signer;
        this.verifier = verifier;
    }

    static SigningKey open(StoredKey stored, MasterKey masterKey) {
        JWK jwk = masterKey.open(stored.kid(), stored.sealedPrivateJwk());
        try {
            return switch (stored.alg()) {
                case RS256, PS256 -> new SigningKey(stored, jwk.toPublicJWK(), new RSASSASigner(jwk.toRSAKey()),
                        new RSASSAVerifier(jwk.toRSAKey().toPublicJWK()));
                case ES256 -> new SigningKey(stored, jwk.toPublicJWK(), new ECDSASigner(jwk.toECKey()),
                        new ECDSAVerifier(jwk.toECKey().toPublicJWK()));
                case EdDSA -> new SigningKey(stored, jwk.toPublicJWK(), new Ed25519Signer(jwk.toOctetKeyPair()),
                        new Ed25519Verifier(jwk.toOctetKeyPair().toPublicJWK()));
            };
        } catch (JOSEException | IllegalStateException e) {
            throw new IllegalStateException("stored signing key " + stored.kid() + " is not a usable " + stored.alg() + " key", e);
        }
    }

    /** The same key material with fresh metadata (retired meanwhile, perhaps by another instance). */
    SigningKey withStored(StoredKey row) {
        return new SigningKey(row, publicJwk, signer, verifier);
    }

    StoredKey stored() {
        return stored;
    }

    JWK publicJwk() {
        return publicJwk;
    }

    String sign(JWTClaimsSet claims, JOSEObjectType typ) {
        JWSHeader header = new JWSHeader.Builder(stored.alg().jws()).keyID(stored.kid()).type(typ).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with " + stored.kid() + " failed", e);
        }
        return jwt.serialize();
    }

    /** The header's alg must be this key's own: one key, one algorithm (RFC 8725 §3.1). */
    boolean verifies(SignedJWT jwt) {
        if (!stored.alg().jws().equals(jwt.getHeader().getAlgorithm())) return false;
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }
}

package dev.portcullis.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms Portcullis signs with, and so the only ones it verifies: no {@code none},
 * no HMAC (a public key used as an HMAC secret is the classic confusion attack, RFC 8725 §2.1).
 */
public enum SigningAlgorithm {
    RS256(JWSAlgorithm.RS256),
    /** RSASSA-PSS (RFC 7518 §3.5), as the FAPI 2.0 Security Profile §5.4.1 asks; its own RSA key. */
    PS256(JWSAlgorithm.PS256),
    ES256(JWSAlgorithm.ES256),
    EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    /** By protocol name ("RS256", "PS256", "ES256", "EdDSA"); empty for anything else. */
    public static Optional<SigningAlgorithm> named(String name) {
        return Arrays.stream(values()).filter(a -> a.jws.getName().equals(name)).findFirst();
    }

    static Optional<SigningAlgorithm> of(JWSAlgorithm jws) {
        return jws == null ? Optional.empty() : named(jws.getName());
    }

    /** A fresh key pair; the kid is its RFC 7638 thumbprint, so it is unique without coordination. */
    JWK generate() {
        JWKGenerator<? extends JWK> generator = switch (this) {
            case RS256, PS256 -> new RSAKeyGenerator(2048);
            case ES256 -> new ECKeyGenerator(Curve.P_256);
            case EdDSA -> new OctetKeyPairGenerator(Curve.Ed25519);
        };
        try {
            return generator.keyUse(KeyUse.SIGNATURE).algorithm(jws).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + this + " key", e);
        }
    }
}

package dev.portcullis.clientauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/** Client assertions as a client library would sign them (RFC 7523 §3), and the malformed ones it would not. */
final class SignedAssertions {
    private final Clock clock;
    private final String audience;

    SignedAssertions(Clock clock, String audience) {
        this.clock = clock;
        this.audience = audience;
    }

    /** iss = sub = clientId, aud, exp in 60 s, iat now, a fresh jti; {@code change} edits the claims. */
    JWTClaimsSet claims(String clientId, Consumer<JWTClaimsSet.Builder> change) {
        Date now = Date.from(clock.instant());
        var builder = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .expirationTime(Date.from(clock.instant().plusSeconds(60))).issueTime(now).jwtID(UUID.randomUUID().toString());
        change.accept(builder);
        return builder.build();
    }

    String sign(JWK key, JWSAlgorithm alg, String clientId) {
        return sign(key, alg, clientId, b -> { });
    }

    String sign(JWK key, JWSAlgorithm alg, String clientId, Consumer<JWTClaimsSet.Builder> change) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims(clientId, change));
        try {
            jwt.sign(signer(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** An HMAC over a shared secret, as client_secret_jwt would send (kid of a registered key, to tempt a confused verifier). */
    String hmac(byte[] secret, String kid, String clientId) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims(clientId, b -> { }));
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** An unsecured JWT ("alg": "none"). */
    String unsigned(String clientId) {
        return new PlainJWT(claims(clientId, b -> { })).serialize();
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSASSASigner(rsa);
            case ECKey ec -> new ECDSASigner(ec);
            case OctetKeyPair okp -> new Ed25519Signer(okp);
            default -> throw new IllegalArgumentException(key.getKeyType().toString());
        };
    }
}

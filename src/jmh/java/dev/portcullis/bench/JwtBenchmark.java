package dev.portcullis.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An ID token or JWT access token, signed and verified with the algorithms the key ring offers
 * (RSA 2048, P-256, Ed25519), through Nimbus as the server uses it; keys made fresh per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtBenchmark {
    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    private JWSSigner signer;
    private JWSVerifier verifier;
    private JWSHeader header;
    private JWTClaimsSet claims;
    private String signed;

    @Setup
    public void keys() throws JOSEException {
        switch (alg) {
            case "RS256" -> {
                var key = new RSAKeyGenerator(2048).keyID("bench").generate();
                signer = new RSASSASigner(key);
                verifier = new RSASSAVerifier(key.toPublicJWK());
            }
            case "ES256" -> {
                var key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
                signer = new ECDSASigner(key);
                verifier = new ECDSAVerifier(key.toPublicJWK());
            }
            case "EdDSA" -> {
                var key = new OctetKeyPairGenerator(Curve.Ed25519).keyID("bench").generate();
                signer = new Ed25519Signer(key);
                verifier = new Ed25519Verifier(key.toPublicJWK());
            }
            default -> throw new IllegalArgumentException(alg);
        }
        header = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID("bench").build();
        Date now = new Date();
        claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:8080").subject("user-1").audience(List.of("client-1"))
                .issueTime(now).expirationTime(new Date(now.getTime() + 3_600_000)).claim("nonce", "n-0S6_WzA2Mj")
                .claim("auth_time", now.getTime() / 1000).build();
        signed = sign();
    }

    @Benchmark
    public String sign() throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Benchmark
    public boolean verify() throws JOSEException, ParseException {
        return SignedJWT.parse(signed).verify(verifier);
    }
}

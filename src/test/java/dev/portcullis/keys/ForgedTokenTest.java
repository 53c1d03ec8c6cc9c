package dev.portcullis.keys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.support.Db;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way of presenting a JWT we did not sign must fail verification (RFC 8725 §2, §3.1). */
class ForgedTokenTest extends KeyRingFixture {


    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenPayloadChangedThenEmpty(Db kind) {
        KeyRing ring = ring(kind);
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            String[] parts = ring.sign(KeyRingTest.claims(), alg, JOSEObjectType.JWT).split("\\.");
            String forged = parts[0] + "." + b64("{\"iss\":\"https://issuer.example\",\"sub\":\"admin\"}") + "." + parts[2];
            assertTrue(ring.verify(forged).isEmpty(), alg.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenSignatureChangedThenEmpty(Db kind) {
        KeyRing ring = ring(kind);
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            String jwt = ring.sign(KeyRingTest.claims(), alg, JOSEObjectType.JWT);
            int i = jwt.lastIndexOf('.') + 5;
            String forged = jwt.substring(0, i) + (jwt.charAt(i) == 'A' ? 'B' : 'A') + jwt.substring(i + 1);
            assertTrue(ring.verify(forged).isEmpty(), alg.name());
            assertTrue(ring.verify(jwt.substring(0, jwt.lastIndexOf('.') + 1)).isEmpty(), alg + " without signature");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenAlgNoneThenEmpty(Db kind) {
        KeyRing ring = ring(kind);
        String jwt = ring.sign(KeyRingTest.claims(), SigningAlgorithm.RS256, JOSEObjectType.JWT);
        String[] parts = jwt.split("\\.");
        String kid = ring.jwks().getKeys().getFirst().getKeyID();
        assertTrue(ring.verify(new PlainJWT(KeyRingTest.claims()).serialize()).isEmpty());
        assertTrue(ring.verify(b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".").isEmpty());
        assertTrue(ring.verify(b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "." + parts[2]).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenHs256SignedWithThePublicKeyAsSecretThenEmpty(Db kind) throws Exception {
        KeyRing ring = ring(kind);
        RSAKey published = ring.jwks().getKeys().stream().filter(k -> k instanceof RSAKey).map(k -> (RSAKey) k)
                .findFirst().orElseThrow();
        for (byte[] secret : new byte[][] {published.toPublicKey().getEncoded(), published.toJSONString().getBytes(StandardCharsets.UTF_8)}) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                    KeyRingTest.claims());
            forged.sign(new MACSigner(secret));
            assertTrue(ring.verify(forged.serialize()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenSignedByAForeignKeyThenEmptyWhateverTheHeaderClaims(Db kind) throws Exception {
        KeyRing ring = ring(kind);
        RSAKey attacker = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        String ourKid = ring.jwks().getKeys().stream().filter(k -> k instanceof RSAKey).findFirst().orElseThrow().getKeyID();
        JWSHeader[] headers = {
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ourKid).build(),
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).build(),
            // the attacker's key embedded in the header must never be trusted
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).jwk(attacker.toPublicJWK()).build(),
            new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
        };
        for (JWSHeader header : headers) {
            SignedJWT forged = new SignedJWT(header, KeyRingTest.claims());
            forged.sign(new RSASSASigner(attacker));
            assertTrue(ring.verify(forged.serialize()).isEmpty(), header.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenHeaderAlgIsNotTheKeysOwnThenEmpty(Db kind) throws Exception {
        KeyRing ring = ring(kind);
        String es256 = ring.sign(KeyRingTest.claims(), SigningAlgorithm.ES256, JOSEObjectType.JWT);
        String rsaKid = ring.jwks().getKeys().stream().filter(k -> k instanceof RSAKey).findFirst().orElseThrow().getKeyID();
        String[] parts = es256.split("\\.");
        String swapped = b64("{\"alg\":\"ES256\",\"kid\":\"" + rsaKid + "\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];
        assertTrue(ring.verify(swapped).isEmpty());
        String ps256 = b64("{\"alg\":\"PS256\",\"kid\":\"" + rsaKid + "\"}") + "." + parts[1] + "." + parts[2];
        assertTrue(ring.verify(ps256).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void verifyWhenNotAJwtThenEmptyNeverAnException(Db kind) {
        KeyRing ring = ring(kind);
        for (String garbage : new String[] {"", ".", "..", "a.b.c", "pc_at_abc", "eyJhbGciOiJSUzI1NiJ9.e30", "a.b.c.d.e",
                b64("{\"alg\":\"RS256\",\"kid\":\"x\",\"crit\":[\"exp\"]}") + ".e30.AAAA"}) {
            assertTrue(ring.verify(garbage).isEmpty(), garbage);
        }
    }
}

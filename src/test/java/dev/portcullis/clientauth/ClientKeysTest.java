package dev.portcullis.clientauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a client may register as its keys: public asymmetric keys by value or by https reference. */
class ClientKeysTest {

    static ClientKeys keys(String jwks, String uri, String alg) {
        return new ClientKeys(Optional.ofNullable(jwks), Optional.ofNullable(uri), Optional.ofNullable(alg));
    }

    static String refusal(String field, Runnable make) {
        OAuthException e = assertThrows(OAuthException.class, make::run);
        Failure.Validation v = (Failure.Validation) e.error();
        assertEquals(field, v.field());
        return v.description();
    }

    @Test
    void publicKeysAreKeptAsCompactPublicJson() throws Exception {
        var ec = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ClientKeys keys = keys(new JWKSet(ec.toPublicJWK()).toString(), null, "ES256");
        assertTrue(keys.hasKeys());
        assertEquals(ec.toPublicJWK(), keys.keySet().getKeyByKeyId("k1"));
        assertEquals(1, ((java.util.List<?>) keys.jwksObject().orElseThrow().get("keys")).size());
        assertFalse(ClientKeys.NONE.hasKeys());
    }

    @Test
    void privateKeyMaterialIsRefused() throws Exception {
        var rsa = new RSAKeyGenerator(2048).generate();
        String message = refusal("jwks", () -> keys(new JWKSet(rsa).toString(false), null, null));
        assertTrue(message.contains("public keys only"), message);
    }

    @Test
    void symmetricKeysAreRefused() throws Exception {
        var oct = new OctetSequenceKeyGenerator(256).generate();
        assertTrue(refusal("jwks", () -> keys(new JWKSet(oct).toString(false), null, null)).contains("symmetric"));
    }

    @Test
    void shortRsaKeysEmptySetsAndGarbageAreRefused() throws Exception {
        var small = new RSAKeyGenerator(1024, true).generate().toPublicJWK();
        assertTrue(refusal("jwks", () -> keys(new JWKSet(small).toString(), null, null)).contains("2048"));
        refusal("jwks", () -> keys("{\"keys\": []}", null, null));
        refusal("jwks", () -> keys("not json", null, null));
    }

    @Test
    void jwksAndJwksUriTogetherAreRefused() throws Exception {
        var ec = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        assertTrue(refusal("jwks", () -> keys(new JWKSet(ec).toString(), "https://client.example/jwks", null)).contains("not both"));
    }

    @Test
    void jwksUriMustBeHttpsOrLoopbackHttp() {
        keys(null, "https://client.example/jwks.json", null);
        keys(null, "http://127.0.0.1:8081/jwks.json", null);
        for (String bad : new String[] {"http://client.example/jwks", "ftp://client.example/jwks", "https://user@client.example/j",
            "https://client.example/jwks#frag", "not a url", "/relative"}) {
            refusal("jwks_uri", () -> keys(null, bad, null));
        }
    }

    @Test
    void signingAlgMustBeAsymmetric() {
        for (String alg : new String[] {"RS256", "PS256", "ES256", "EdDSA"}) keys(null, "https://c.example/j", alg);
        for (String alg : new String[] {"HS256", "none", "rs256", ""}) {
            assertTrue(refusal("token_endpoint_auth_signing_alg", () -> keys(null, "https://c.example/j", alg)).contains("RS256"));
        }
    }
}

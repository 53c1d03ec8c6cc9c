package dev.portcullis.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.keys.SigningKeyInfo;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwksEndpointTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void jwksServesEveryPublicKeyAndNoPrivateMember(Db db) throws Exception {
        try (TestServer server = TestServer.start(db)) {
            var res = server.get("/oauth2/jwks");
            assertEquals(200, res.statusCode());
            assertEquals("application/json; charset=utf-8", res.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("public, max-age=300", res.headers().firstValue("Cache-Control").orElseThrow());
            assertTrue(res.headers().firstValue("Pragma").isEmpty());

            JWKSet set = JWKSet.parse(res.body());
            assertEquals(Set.of("RS256", "PS256", "ES256", "EdDSA"),
                    set.getKeys().stream().map(k -> k.getAlgorithm().getName()).collect(Collectors.toSet()));
            for (JWK key : set.getKeys()) {
                assertFalse(key.isPrivate());
                assertEquals(KeyUse.SIGNATURE, key.getKeyUse());
            }
            Map<?, ?> raw = dev.portcullis.http.Json.MAPPER.readValue(res.body(), Map.class);
            for (Object key : (List<?>) raw.get("keys")) {
                for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
                    assertFalse(((Map<?, ?>) key).containsKey(member), member);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void jwksAnswersJwkSetTypeToClientsThatAskForIt(Db db) {
        try (TestServer server = TestServer.start(db)) {
            var res = server.send(HttpRequest.newBuilder(server.uri("/oauth2/jwks"))
                    .header("Accept", "application/jwk-set+json, application/json").GET().build());
            assertEquals(200, res.statusCode());
            assertEquals("application/jwk-set+json; charset=utf-8", res.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void tokensSignedByTheServerVerifyAgainstTheJwksFetchedOverHttpAlsoAfterRotation(Db db) throws Exception {
        try (TestServer server = TestServer.start(db)) {
            KeyRing ring = server.portcullis().core().keys();
            String before = ring.sign(claims(), SigningAlgorithm.ES256, JOSEObjectType.JWT);
            SigningKeyInfo rotated = ring.rotate(SigningAlgorithm.ES256, Instant.now(), dev.portcullis.events.Actor.system());

            JWKSet set = JWKSet.parse(server.get("/oauth2/jwks").body());
            assertEquals(SigningAlgorithm.values().length + 1, set.getKeys().size());
            for (SigningAlgorithm alg : SigningAlgorithm.values()) {
                assertTrue(verifiesWith(set, ring.sign(claims(), alg, JOSEObjectType.JWT)), alg.name());
            }
            assertTrue(verifiesWith(set, before), "the retired key is still published");
            assertTrue(set.getKeyByKeyId(rotated.kid()) != null);
        }
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().issuer("https://issuer.example").subject("user-1")
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
    }

    /** Verification as a relying party does it: only the published JWKS, Nimbus's own verifier factory. */
    private static boolean verifiesWith(JWKSet set, String jwt) throws Exception {
        SignedJWT parsed = SignedJWT.parse(jwt);
        JWK key = set.getKeyByKeyId(parsed.getHeader().getKeyID());
        var publicKey = switch (key) {
            case com.nimbusds.jose.jwk.RSAKey rsa -> rsa.toPublicKey();
            case com.nimbusds.jose.jwk.ECKey ec -> ec.toPublicKey();
            default -> null;
        };
        if (publicKey == null) return parsed.verify(new com.nimbusds.jose.crypto.Ed25519Verifier(key.toOctetKeyPair()));
        return parsed.verify(new DefaultJWSVerifierFactory().createJWSVerifier(parsed.getHeader(), publicKey));
    }
}

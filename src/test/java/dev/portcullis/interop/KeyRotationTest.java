package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.Scope;
import dev.portcullis.cli.PortcullisCommand;
import dev.portcullis.http.Json;
import dev.portcullis.storage.Storage;
import dev.portcullis.support.Db;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Immediate key rotation by an operator (the conformance suite's oidcc-server-rotate-keys), on a
 * running server: through /manage/v1 the new key signs and is published at once; through the
 * command line, another process, the server notices within about a second. Tokens signed before
 * keep verifying against the JWKS.
 */
@ParameterizedClass
@EnumSource(Db.class)
class KeyRotationTest extends AuthorizationCodeFlowSupport {
    static final Duration NOTICED_WITHIN = Duration.ofMillis(1500);
    static final Scope OPENID = new Scope("openid");

    @Parameter
    Db db;

    @BeforeParameterizedClassInvocation
    static void begin(Db db) {
        AuthorizationCodeFlowTest.start(db);
    }

    @AfterParameterizedClassInvocation
    static void end() {
        AuthorizationCodeFlowTest.stop();
    }

    @Test
    void rotateThroughManageThenJwksHasTheNewKidAtOnceNewIdTokensUseItAndOldOnesStillVerify() throws Exception {
        var before = SignIn.tokens(OPENID, Map.of());
        String operator = server().portcullis().core().operators().create("rotation", dev.portcullis.events.Actor.system()).secret();

        HttpResponse<String> res = manage(operator, "{\"alg\": \"RS256\"}");
        assertEquals(201, res.statusCode(), res.body());
        JsonNode rotated = Json.MAPPER.readTree(res.body()).get("rotated");
        assertEquals(1, rotated.size());
        assertEquals("RS256", rotated.get(0).get("alg").asText());
        assertEquals("current", rotated.get(0).get("status").asText());
        String newKid = rotated.get(0).get("kid").asText();
        assertNotEquals(SignIn.kidOf(before), newKid);

        JWKSet jwks = jwks();
        assertNotNull(jwks.getKeyByKeyId(newKid), "published in the same second");
        assertNotNull(jwks.getKeyByKeyId(SignIn.kidOf(before)), "the previous key stays published for its tokens");
        assertEquals(newKid, SignIn.kidOf(SignIn.tokens(OPENID, Map.of())), "the next ID token is signed with the new key");
        SignIn.validator().validate(before.getOIDCTokens().getIDToken(), null);
    }

    @Test
    void rotateThroughManageWithoutBodyRotatesEveryAlgorithmAndBadInputChangesNothing() throws Exception {
        String operator = server().portcullis().core().operators().create("rotation-all", dev.portcullis.events.Actor.system()).secret();
        long keysBefore = storedKeys();
        HttpResponse<String> all = server().send(HttpRequest.newBuilder(server().uri("/manage/v1/keys/rotate"))
                .header("Authorization", "Bearer " + operator).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, all.statusCode(), all.body());
        // RS256, PS256, ES256 and EdDSA: one current key each.
        assertEquals(4, Json.MAPPER.readTree(all.body()).get("rotated").size());
        assertEquals(keysBefore + 4, storedKeys());
        HttpResponse<String> listed = server().send(HttpRequest.newBuilder(server().uri("/manage/v1/keys"))
                .header("Authorization", "Bearer " + operator).GET().build());
        assertEquals(200, listed.statusCode());
        long current = 0;
        for (JsonNode key : Json.MAPPER.readTree(listed.body()).get("data")) {
            assertTrue(!key.has("d") && !key.has("private_jwk"), "no key material");
            if (key.get("status").asText().equals("current")) current++;
        }
        assertEquals(4, current);

        HttpResponse<String> unknown = manage(operator, "{\"alg\": \"HS256\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("alg", Json.MAPPER.readTree(unknown.body()).get("field").asText(), unknown.body());
        HttpResponse<String> anonymous = server().send(HttpRequest.newBuilder(server().uri("/manage/v1/keys/rotate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(401, anonymous.statusCode());
        assertEquals(keysBefore + 4, storedKeys(), "refused rotations add no key");
    }

    @Test
    void rotateByTheCommandLineIsNoticedByTheRunningServerWithinASecond() throws Exception {
        var before = SignIn.tokens(OPENID, Map.of());
        Storage storage = server().portcullis().config().storage();
        Map<String, String> env = new HashMap<>();
        env.put("PORTCULLIS_DATA_DIR", storage.dataDir().toString());
        env.put("PORTCULLIS_DATABASE_URL", storage.databaseUrl());
        env.put("PORTCULLIS_DATABASE_USER", storage.user());
        env.put("PORTCULLIS_DATABASE_PASSWORD", storage.password());
        env.put("PORTCULLIS_DEMO", "false");
        assertEquals(0, PortcullisCommand.run(new String[] {"admin", "keys", "rotate", "--alg", "RS256", "--json"}, env));
        long rotatedAt = System.nanoTime();
        String newKid = server().portcullis().database().read(tx -> tx.queryOne(
                "SELECT kid FROM signing_keys WHERE alg = 'RS256' AND retired_at IS NULL", r -> r.text("kid"))).orElseThrow();
        assertNotEquals(SignIn.kidOf(before), newKid);

        while (jwks().getKeyByKeyId(newKid) == null) {
            Duration waited = Duration.ofNanos(System.nanoTime() - rotatedAt);
            if (waited.compareTo(NOTICED_WITHIN) > 0) throw new AssertionError("not in the JWKS after " + waited.toMillis() + " ms");
            Thread.sleep(50);
        }
        assertEquals(newKid, SignIn.kidOf(SignIn.tokens(OPENID, Map.of())));
        assertNotNull(jwks().getKeyByKeyId(SignIn.kidOf(before)));
        SignIn.validator().validate(before.getOIDCTokens().getIDToken(), null);
    }

    private static HttpResponse<String> manage(String operator, String json) {
        return server().send(HttpRequest.newBuilder(server().uri("/manage/v1/keys/rotate"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static JWKSet jwks() throws Exception {
        return JWKSet.parse(server().get("/oauth2/jwks").body());
    }

    private static long storedKeys() {
        return server().portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys"));
    }
}

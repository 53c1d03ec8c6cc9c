package dev.portcullis.dpop;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.oauth.DPoPAlgorithms;
import dev.portcullis.support.Db;
import dev.portcullis.support.GrantSuite;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.UserTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof checks of RFC 9449 §4.3 at the token endpoint, on client_credentials tokens of a
 * confidential app: each refused proof answers 400 invalid_dpop_proof and issues nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DPoPProofHttpTest extends GrantSuite {

    static final Map<String, String> CLIENT_CREDENTIALS = params("grant_type", "client_credentials", "scope", "task:read");

    static HttpResponse<String> clientCredentials(UserTokens.Client app, String proof) {
        return new DPoPClient(server).token(basic(app.id(), app.secret()), CLIENT_CREDENTIALS, proof);
    }

    static void assertRefused(HttpResponse<String> res, String why) {
        assertEquals(400, res.statusCode(), why + ": " + res.body());
        JsonNode body = json(res);
        assertEquals("invalid_dpop_proof", body.get("error").asText(), why);
        assertFalse(body.has("access_token"), why);
    }

    static JsonNode introspect(UserTokens.Client app, String token) {
        return json(oauth.post("/oauth2/introspect", basic(app.id(), app.secret()), OAuthClient.form(params("token", token))));
    }

    @Test
    void clientCredentialsWhenValidProofThenDpopTokenBoundToTheKeyAndIntrospectionShowsCnf() {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        HttpResponse<String> res = holder.token(basic(app.id(), app.secret()), CLIENT_CREDENTIALS,
                holder.proof("POST", "/oauth2/token", null, null));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("DPoP", json(res).get("token_type").asText());
        JsonNode introspected = introspect(app, json(res).get("access_token").asText());
        assertTrue(introspected.get("active").asBoolean());
        assertEquals("DPoP", introspected.get("token_type").asText());
        assertEquals(holder.thumbprint(), introspected.get("cnf").get("jkt").asText());

        HttpResponse<String> itself = oauth.post("/oauth2/introspect", "Bearer " + json(res).get("access_token").asText(), "");
        assertEquals(401, itself.statusCode(), "a bound token is no bearer credential for Attio-style introspection either");
        assertTrue(itself.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("DPoP "));
    }

    @Test
    void refreshWhenConfidentialClientThenAccessTokensBoundToEachProofButTheRefreshTokenNot() {
        var app = users.app("task:read", "offline_access");
        String refresh = users.issue(users.member("Ada"), app, "task:read", "offline_access").refreshToken().orElseThrow();
        DPoPClient first = new DPoPClient(server);
        HttpResponse<String> bound = first.token(basic(app.id(), app.secret()), params("grant_type", "refresh_token",
                "refresh_token", refresh), first.proof("POST", "/oauth2/token", null, null));
        assertEquals(200, bound.statusCode(), bound.body());
        assertEquals("DPoP", json(bound).get("token_type").asText());
        DPoPClient second = new DPoPClient(server);
        HttpResponse<String> moved = second.token(basic(app.id(), app.secret()), params("grant_type", "refresh_token",
                "refresh_token", json(bound).get("refresh_token").asText()), second.proof("POST", "/oauth2/token", null, null));
        assertEquals(200, moved.statusCode(), "client authentication binds a confidential client's refresh token: " + moved.body());
        assertEquals(second.thumbprint(), introspect(app, json(moved).get("access_token").asText()).get("cnf").get("jkt").asText());
    }

    @Test
    void jwtAccessTokenWhenBoundThenCarriesCnfJkt() throws Exception {
        var app = users.app(AccessTokenFormat.JWT, new Lifetime.Default(), false, "task:read");
        DPoPClient holder = new DPoPClient(server);
        HttpResponse<String> res = holder.token(basic(app.id(), app.secret()), CLIENT_CREDENTIALS,
                holder.proof("POST", "/oauth2/token", null, null));
        assertEquals(200, res.statusCode(), res.body());
        var claims = SignedJWT.parse(json(res).get("access_token").asText()).getJWTClaimsSet();
        assertEquals(Map.of("jkt", holder.thumbprint()), claims.getJSONObjectClaim("cnf"));
        assertEquals(200, holder.call("/v2/self", json(res).get("access_token").asText()).statusCode());
    }

    @Test
    void proofWhenForAnotherUrlOrMethodThenInvalidDpopProof() {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        assertRefused(clientCredentials(app, holder.proof("POST", "/oauth2/introspect", null, null)), "another URL");
        assertRefused(clientCredentials(app, holder.proof("POST", URI.create("https://elsewhere.example/oauth2/token"), null, null,
                Instant.now())), "another host");
        assertRefused(clientCredentials(app, holder.proof("GET", "/oauth2/token", null, null)), "another method");
        Map<String, Object> header = Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", holder.key.toPublicJWK().toJSONObject());
        HttpResponse<String> withQuery = clientCredentials(app, holder.handMade(header,
                DPoPClient.claims(server.uri("/oauth2/token") + "?ignored=1#fragment")));
        assertEquals(200, withQuery.statusCode(), "htu is compared without its query: " + withQuery.body());
    }

    @Test
    void proofWhenStaleOrFromTheFutureThenInvalidDpopProof() {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        URI token = server.uri("/oauth2/token");
        assertRefused(clientCredentials(app, holder.proof("POST", token, null, null, Instant.now().minusSeconds(120))), "stale iat");
        assertRefused(clientCredentials(app, holder.proof("POST", token, null, null, Instant.now().plusSeconds(120))), "future iat");
        assertEquals(200, clientCredentials(app, holder.proof("POST", token, null, null, Instant.now().minusSeconds(30))).statusCode(),
                "within the 60 s window");
    }

    @Test
    void proofWhenReplayedThenInvalidDpopProofAndNothingIssued() {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        String proof = holder.proof("POST", "/oauth2/token", null, null);
        assertEquals(200, clientCredentials(app, proof).statusCode());
        assertRefused(clientCredentials(app, proof), "the same jti again");
    }

    @Test
    void proofWhenMalformedOrUnsignedOrWithAPrivateKeyThenInvalidDpopProof() throws Exception {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        assertRefused(clientCredentials(app, "not-a-jwt"), "not a JWT");
        String proof = holder.proof("POST", "/oauth2/token", null, null);
        String[] parts = proof.split("\\.");
        assertRefused(clientCredentials(app, parts[0] + "." + parts[1] + ".AAAA"), "a signature that does not verify");
        String htu = server.uri("/oauth2/token").toString();
        assertRefused(clientCredentials(app, holder.handMade(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", holder.key.toJSONObject()),
                DPoPClient.claims(htu))), "a private jwk in the header");
        assertRefused(clientCredentials(app, holder.handMade(Map.of("typ", "JWT", "alg", "ES256", "jwk",
                holder.key.toPublicJWK().toJSONObject()), DPoPClient.claims(htu))), "typ is not dpop+jwt");
        assertRefused(clientCredentials(app, holder.handMade(Map.of("typ", "dpop+jwt", "alg", "ES256"), DPoPClient.claims(htu))),
                "no jwk in the header");
        Map<String, Object> good = Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", holder.key.toPublicJWK().toJSONObject());
        assertRefused(clientCredentials(app, holder.handMade(good, new JWTClaimsSet.Builder(DPoPClient.claims(htu))
                .claim("iat", "yesterday").build())), "an iat that is no number");
        assertRefused(clientCredentials(app, holder.handMade(Map.of("typ", "dpop+jwt", "alg", "HS256", "jwk",
                holder.key.toPublicJWK().toJSONObject()), DPoPClient.claims(htu))), "a symmetric algorithm");
        assertEquals(200, clientCredentials(app, holder.handMade(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk",
                holder.key.toPublicJWK().toJSONObject()), DPoPClient.claims(htu))).statusCode(), "the same, done right");
    }

    @Test
    void unboundTokenWhenSentWithTheDpopSchemeThen401() {
        var app = users.app("task:read");
        HttpResponse<String> res = oauth.token(basic(app.id(), app.secret()), CLIENT_CREDENTIALS);
        assertEquals("Bearer", json(res).get("token_type").asText());
        DPoPClient holder = new DPoPClient(server);
        HttpResponse<String> call = holder.call("/v2/self", json(res).get("access_token").asText());
        assertEquals(401, call.statusCode(), call.body());
        assertTrue(call.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("DPoP "));
    }

    @Test
    void discoveryAndResourceMetadataPublishTheProofAlgorithms() {
        JsonNode server = json(GrantSuite.server.get("/.well-known/openid-configuration"));
        assertEquals(DPoPAlgorithms.NAMES.size(), server.get("dpop_signing_alg_values_supported").size());
        JsonNode resource = json(GrantSuite.server.get("/.well-known/oauth-protected-resource"));
        assertEquals(DPoPAlgorithms.NAMES.getFirst(), resource.get("dpop_signing_alg_values_supported").get(0).asText());
        assertFalse(resource.get("dpop_bound_access_tokens_required").asBoolean());
    }
}

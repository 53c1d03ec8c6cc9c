package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signed UserInfo (OIDC Core §5.3.2) for a client that registered userinfo_signed_response_alg
 * (OIDC Registration §2), through the real flow as a certified client library drives it: what the
 * conformance suite's oidcc-userinfo-rs256 checks.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SignedUserInfoTest extends AuthorizationCodeFlowSupport {
    static final Scope SCOPE = new Scope("openid", "profile", "email");

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

    /** A dynamically registered confidential client, with its registration as answered. */
    record Registered(ClientID id, Secret secret, String registrationToken, JsonNode answer) {}

    @Test
    void registeredRs256ThenUserInfoIsAJwtSignedByAPublishedKeyWithIssAudAndTheClaimsOfTheJsonAnswer() throws Exception {
        Registered client = register(", \"userinfo_signed_response_alg\": \"RS256\"");
        assertEquals("RS256", client.answer().get("userinfo_signed_response_alg").asText(), "echoed as registered");
        OIDCTokenResponse tokens = signIn(client);
        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();

        HttpResponse<String> raw = userInfoRaw(accessToken);
        assertEquals(200, raw.statusCode(), raw.body());
        assertEquals("application/jwt", raw.headers().firstValue("Content-Type").orElseThrow());
        JWT jwt = userInfo(accessToken).getUserInfoJWT();
        assertNotNull(jwt, "Nimbus reads the answer as a UserInfo JWT");
        assertEquals(JWSAlgorithm.RS256, ((SignedJWT) jwt).getHeader().getAlgorithm());
        assertNotNull(((SignedJWT) jwt).getHeader().getKeyID());
        JWTClaimsSet claims = verified(raw.body(), JWSAlgorithm.RS256);
        assertEquals(AuthorizationCodeFlowTest.issuer, claims.getIssuer());
        assertEquals(List.of(client.id().getValue()), claims.getAudience());
        assertEquals(tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject(), claims.getSubject());
        assertEquals("Ada Lovelace", claims.getStringClaim("name"));
        assertTrue(claims.getStringClaim("email").startsWith("user"));
        assertNull(claims.getClaim("nonce"), "UserInfo is no ID token");

        // The same registration without the setting (RFC 7592 PUT replaces it): plain JSON, the same claims.
        HttpResponse<String> updated = update(client, "");
        assertEquals(200, updated.statusCode(), updated.body());
        assertFalse(Json.MAPPER.readTree(updated.body()).has("userinfo_signed_response_alg"));
        HttpResponse<String> plain = userInfoRaw(accessToken);
        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        Map<String, Object> withoutIssAud = new java.util.HashMap<>(claims.toJSONObject());
        withoutIssAud.remove("iss");
        withoutIssAud.remove("aud");
        assertEquals(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(withoutIssAud)), Json.MAPPER.readTree(plain.body()));
    }

    @Test
    void registeredEs256ThenUserInfoIsSignedByThePublishedEs256KeyAndAnUpdateMaySwitchIt() throws Exception {
        Registered client = register(", \"userinfo_signed_response_alg\": \"ES256\"");
        String accessToken = signIn(client).getOIDCTokens().getAccessToken().getValue();
        HttpResponse<String> res = userInfoRaw(accessToken);
        assertEquals("application/jwt", res.headers().firstValue("Content-Type").orElseThrow());
        JWTClaimsSet claims = verified(res.body(), JWSAlgorithm.ES256);
        assertEquals(List.of(client.id().getValue()), claims.getAudience());

        HttpResponse<String> updated = update(client, ", \"userinfo_signed_response_alg\": \"EdDSA\"");
        assertEquals("EdDSA", Json.MAPPER.readTree(updated.body()).get("userinfo_signed_response_alg").asText());
        String header = new String(java.util.Base64.getUrlDecoder().decode(userInfoRaw(accessToken).body().split("\\.")[0]));
        assertEquals("EdDSA", Json.MAPPER.readTree(header).get("alg").asText());
    }

    @Test
    void revokedOrGarbageTokenOfASignedClientThen401InvalidTokenAsBefore() throws Exception {
        Registered client = register(", \"userinfo_signed_response_alg\": \"RS256\"");
        String accessToken = signIn(client).getOIDCTokens().getAccessToken().getValue();
        var revoke = server().send(HttpRequest.newBuilder(server().uri("/oauth2/revoke"))
                .header("Authorization", new ClientSecretBasic(client.id(), client.secret()).toHTTPAuthorizationHeader())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + accessToken)).build());
        assertEquals(200, revoke.statusCode(), revoke.body());
        for (String token : List.of(accessToken, "garbage")) {
            HttpResponse<String> res = userInfoRaw(token);
            assertEquals(401, res.statusCode(), res.body());
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
            assertTrue(res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertEquals("invalid_token", Json.MAPPER.readTree(res.body()).get("error").asText());
        }
    }

    private static String metadata(String extra) {
        return """
                {"client_name": "Signed UserInfo RP", "redirect_uris": ["%s"], "token_endpoint_auth_method": "client_secret_basic",
                 "grant_types": ["authorization_code"], "response_types": ["code"], "scope": "openid profile email"%s}"""
                .formatted(AuthorizationCodeFlowTest.CALLBACK, extra);
    }

    private static Registered register(String extra) throws Exception {
        HttpResponse<String> res = server().send(HttpRequest.newBuilder(server().uri("/oauth2/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(metadata(extra))).build());
        assertEquals(201, res.statusCode(), res.body());
        JsonNode answer = Json.MAPPER.readTree(res.body());
        return new Registered(new ClientID(answer.get("client_id").asText()), new Secret(answer.get("client_secret").asText()),
                answer.get("registration_access_token").asText(), answer);
    }

    /** RFC 7592 §2.2: the full metadata again, with {@code extra}. */
    private static HttpResponse<String> update(Registered client, String extra) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(metadata(extra));
        body.put("client_id", client.id().getValue());
        return server().send(HttpRequest.newBuilder(server().uri("/oauth2/register/" + client.id().getValue()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + client.registrationToken())
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** A new user signs in to {@code client} through the pages and the code is exchanged. */
    private static OIDCTokenResponse signIn(Registered client) throws Exception {
        var flow = AuthorizationCodeFlowTest.newUser(true);
        var started = AuthorizationCodeFlowTest.request(client.id(), SCOPE, true);
        var code = AuthorizationCodeFlowTest.code(flow.authorize(started.url(), true), started.state());
        var response = AuthorizationCodeFlowTest.exchange(new ClientSecretBasic(client.id(), client.secret()),
                new AuthorizationCodeGrant(code, AuthorizationCodeFlowTest.CALLBACK, started.verifier()));
        assertTrue(response.indicatesSuccess(), () -> AuthorizationCodeFlowTest.error(response).toString());
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private static HttpResponse<String> userInfoRaw(String accessToken) {
        return server().send(HttpRequest.newBuilder(server().uri("/oauth2/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    private static UserInfoSuccessResponse userInfo(String accessToken) throws Exception {
        var request = new UserInfoRequest(server().uri("/oauth2/userinfo"), new BearerAccessToken(accessToken));
        UserInfoResponse response = UserInfoResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        return response.toSuccessResponse();
    }

    /** The claims, once the signature checks out against /oauth2/jwks with {@code alg} and no other. */
    private static JWTClaimsSet verified(String jws, JWSAlgorithm alg) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        var keys = JWKSourceBuilder.<SecurityContext>create(new URL(server().uri("/oauth2/jwks").toString())).retrying(false).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, keys));
        processor.setJWSTypeVerifier((type, context) -> { }); // typ JWT, as for ID tokens
        return processor.process(jws, null);
    }
}

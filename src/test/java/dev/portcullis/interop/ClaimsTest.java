package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which claims go where (OIDC Core §5.4, §5.5) and acr (§3.1.2.1, §5.5.1.1), through the real
 * flow as a certified client library drives it: the findings of the conformance suite's Basic OP.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ClaimsTest extends AuthorizationCodeFlowSupport {
    /** What an ID token of the code flow carries, whatever the scopes: no user claims unless the claims request names them. */
    static final Set<String> PROTOCOL_CLAIMS = Set.of("iss", "sub", "aud", "azp", "exp", "iat", "auth_time", "nonce", "at_hash");

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
    void scopeClaimsGoToUserInfoAndTheIdTokenCarriesOnlyProtocolClaims() throws Exception {
        var tokens = SignIn.tokens(new Scope("openid", "profile", "email"), Map.of());
        assertEquals(PROTOCOL_CLAIMS, idToken(tokens).getClaims().keySet());
        JsonNode info = userInfo(tokens.getOIDCTokens().getAccessToken().getValue());
        assertEquals("Ada Lovelace", info.get("name").asText());
        assertTrue(info.get("email").asText().startsWith("user"));
        assertEquals(idToken(tokens).getSubject(), info.get("sub").asText());
    }

    @Test
    void claimsRequestForUserInfoNameWithOpenidOnlyThenUserInfoHasNameAlsoAfterRefresh() throws Exception {
        var tokens = SignIn.tokens(new Scope("openid", "offline_access"), Map.of("claims", "{\"userinfo\":{\"name\":{\"essential\":true}}}"));
        assertEquals(PROTOCOL_CLAIMS, idToken(tokens).getClaims().keySet(), "asked for userinfo, not for the ID token");
        JsonNode info = userInfo(tokens.getOIDCTokens().getAccessToken().getValue());
        assertEquals("Ada Lovelace", info.get("name").asText());
        assertFalse(info.has("email") || info.has("given_name"), "only what was asked: " + info);

        var refreshed = AuthorizationCodeFlowTest.exchange(
                new ClientSecretBasic(AuthorizationCodeFlowTest.basicId, AuthorizationCodeFlowTest.basicSecret),
                new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()));
        assertTrue(refreshed.indicatesSuccess());
        String next = refreshed.toSuccessResponse().getTokens().getAccessToken().getValue();
        assertEquals("Ada Lovelace", userInfo(next).get("name").asText(), "a refreshed token of the grant answers it too");
    }

    @Test
    void claimsRequestForIdTokenEmailThenTheIdTokenCarriesEmail() throws Exception {
        var tokens = SignIn.tokens(new Scope("openid"), Map.of("claims", "{\"id_token\":{\"email\":null,\"unknown_claim\":null}}"));
        JWTClaimsSet claims = idToken(tokens);
        assertTrue(claims.getStringClaim("email").startsWith("user"));
        assertNull(claims.getClaim("unknown_claim"), "never a claim this server does not know");
        assertNull(claims.getClaim("name"));
        JsonNode info = userInfo(tokens.getOIDCTokens().getAccessToken().getValue());
        assertEquals(1, info.size(), "asked for the ID token, not for UserInfo: " + info);
        assertTrue(info.has("sub"));
    }

    @Test
    void claimsNamedByTheRequestAreConsentedToAndARememberedConsentWithoutThemIsNotEnough() throws Exception {
        var flow = AuthorizationCodeFlowTest.newUser(true);
        var first = AuthorizationCodeFlowTest.request(AuthorizationCodeFlowTest.basicId, new Scope("openid"), true);
        assertTrue(flow.authorize(first.url(), true).getQuery().contains("code="), "consented to openid alone");

        String emailClaim = "&claims=" + java.net.URLEncoder.encode("{\"userinfo\":{\"email\":null}}", java.nio.charset.StandardCharsets.UTF_8);
        var silent = AuthorizationCodeFlowTest.request(AuthorizationCodeFlowTest.basicId, new Scope("openid"), true);
        var answer = flow.browser().get(silent.url().getRawPath() + "?" + silent.url().getRawQuery() + emailClaim + "&prompt=none");
        var error = AuthorizationResponse.parse(java.net.URI.create(answer.location())).toErrorResponse().getErrorObject();
        assertEquals("consent_required", error.getCode(), "the email claim was never consented to");

        var asked = AuthorizationCodeFlowTest.request(AuthorizationCodeFlowTest.basicId, new Scope("openid"), true);
        var consent = flow.browser().get(asked.url().getRawPath() + "?" + asked.url().getRawQuery() + emailClaim);
        assertNotNull(consent.doc().selectFirst("form#consent"), "the consent page is shown again: " + consent.text());
        assertEquals(List.of("openid", "email"), consent.doc().select("ul.scopes code").eachText(), "email is asked for by claim");
    }

    @Test
    void malformedClaimsThenRedirectedWithInvalidRequestAndNoCode() throws Exception {
        for (String claims : new String[] {"{\"userinfo\":", "[1]", "{\"id_token\":[]}", "{\"userinfo\":{\"name\":{\"essential\":\"yes\"}}}",
            "{\"id_token\":{\"acr\":{\"values\":\"1\"}}}"}) {
            var ended = SignIn.redirect(new Scope("openid"), Map.of("claims", claims));
            AuthorizationResponse response = AuthorizationResponse.parse(ended.redirect());
            assertFalse(response.indicatesSuccess(), claims);
            var error = (AuthorizationErrorResponse) response;
            assertEquals("invalid_request", error.getErrorObject().getCode(), claims);
            assertEquals(ended.started().state(), error.getState());
            assertEquals(AuthorizationCodeFlowTest.issuer, error.getIssuer().getValue());
            assertFalse(ended.redirect().getQuery().contains("code="));
        }
    }

    @Test
    void acrValuesThenTheIdTokenCarriesTheLevelALoginHereReaches() throws Exception {
        assertEquals("1", idToken(SignIn.tokens(new Scope("openid"), Map.of("acr_values", "1"))).getStringClaim("acr"));
        assertEquals("1", idToken(SignIn.tokens(new Scope("openid"), Map.of("acr_values", "urn:example:gold 1"))).getStringClaim("acr"),
                "the first requested value the login satisfies");
        assertEquals("1", idToken(SignIn.tokens(new Scope("openid"), Map.of("acr_values", "urn:example:gold"))).getStringClaim("acr"),
                "none satisfied (voluntary): the default");
        assertEquals("1", idToken(SignIn.tokens(new Scope("openid"),
                Map.of("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:example:gold\",\"1\"]}}}"))).getStringClaim("acr"));
        assertEquals("1", idToken(SignIn.tokens(new Scope("openid"), Map.of("claims", "{\"id_token\":{\"acr\":null}}"))).getStringClaim("acr"));
    }

    @Test
    void essentialAcrThatNoLoginHereReachesThenAccessDeniedAndNoCode() throws Exception {
        var ended = SignIn.redirect(new Scope("openid"),
                Map.of("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"value\":\"urn:example:mfa\"}}}"));
        var error = (AuthorizationErrorResponse) AuthorizationResponse.parse(ended.redirect());
        assertEquals("access_denied", error.getErrorObject().getCode());
        assertEquals(ended.started().state(), error.getState());
        assertFalse(ended.redirect().getQuery().contains("code="));
    }

    @Test
    void discoveryAdvertisesTheClaimsParameterAcrValuesAndEveryClaim() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(server().get("/.well-known/openid-configuration").body());
        assertTrue(doc.get("claims_parameter_supported").asBoolean());
        assertEquals("[\"1\",\"2\"]", doc.get("acr_values_supported").toString());
        Set<String> supported = Set.copyOf(Json.MAPPER.convertValue(doc.get("claims_supported"), java.util.List.class));
        for (String claim : new String[] {"acr", "name", "preferred_username", "picture", "locale", "zoneinfo", "updated_at", "email",
            "email_verified", "auth_time", "at_hash"}) {
            assertTrue(supported.contains(claim), claim);
        }
    }

    private static JWTClaimsSet idToken(OIDCTokenResponse tokens) throws Exception {
        JWTClaimsSet claims = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet();
        assertNotNull(claims.getSubject());
        return claims;
    }

    private static JsonNode userInfo(String accessToken) throws Exception {
        var res = server().send(HttpRequest.newBuilder(server().uri("/oauth2/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
        assertEquals(200, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body());
    }
}

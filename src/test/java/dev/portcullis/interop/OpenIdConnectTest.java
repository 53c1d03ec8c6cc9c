package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthFlow;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** An OpenID Provider as a certified client library sees it: discovery, DCR + PKCE, ID tokens, rotation, userinfo. */
@ParameterizedClass
@EnumSource(Db.class)
class OpenIdConnectTest extends AuthorizationCodeFlowSupport {
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

    private static OIDCProviderMetadata discover() throws Exception {
        var res = server().send(HttpRequest.newBuilder(server().uri("/.well-known/openid-configuration")).GET().build());
        return OIDCProviderMetadata.parse(res.body());
    }

    @Test
    void dynamicallyRegisteredPublicClientCompletesAPkceFlow() throws Exception {
        OIDCProviderMetadata metadata = discover();
        String body = "{\"client_name\":\"Claude agent\",\"redirect_uris\":[\"" + AuthorizationCodeFlowTest.CALLBACK
                + "\"],\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + "\"response_types\":[\"code\"],\"scope\":\"openid task:read offline_access\"}";
        var res = server().send(HttpRequest.newBuilder(metadata.getRegistrationEndpointURI())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, res.statusCode(), res.body());
        JsonNode registered = Json.MAPPER.readTree(res.body());
        ClientID client = new ClientID(registered.get("client_id").asText());
        OAuthFlow flow = AuthorizationCodeFlowTest.newUser(true);
        var started = AuthorizationCodeFlowTest.request(client, new Scope("openid", "task:read"), true);
        var consent = flow.browser().get(started.url().getRawPath() + "?" + started.url().getRawQuery());
        assertTrue(consent.text().contains("registered itself"), "the consent page says the app is not reviewed");
        var code = AuthorizationCodeFlowTest.code(flow.authorize(started.url(), true), started.state());
        var tokens = AuthorizationCodeFlowTest.exchangePublic(client, new AuthorizationCodeGrant(code, AuthorizationCodeFlowTest.CALLBACK,
                started.verifier()));
        assertTrue(tokens.indicatesSuccess());
    }

    @Test
    void idTokensValidateAcrossKeyRotationAndNewOnesUseTheNewKey() throws Exception {
        OIDCTokenResponse before = signIn(AuthorizationCodeFlowTest.basicId, AuthorizationCodeFlowTest.basicSecret);
        var validator = validator(AuthorizationCodeFlowTest.basicId, JWSAlgorithm.RS256);
        String oldKid = ((SignedJWT) before.getOIDCTokens().getIDToken()).getHeader().getKeyID();
        server().portcullis().core().keys().rotateAll(Instant.now(), dev.portcullis.events.Actor.system());
        validator.validate(before.getOIDCTokens().getIDToken(), null);
        OIDCTokenResponse after = signIn(AuthorizationCodeFlowTest.basicId, AuthorizationCodeFlowTest.basicSecret);
        String newKid = ((SignedJWT) after.getOIDCTokens().getIDToken()).getHeader().getKeyID();
        assertNotEquals(oldKid, newKid);
        validator(AuthorizationCodeFlowTest.basicId, JWSAlgorithm.RS256).validate(after.getOIDCTokens().getIDToken(), null);
    }

    @Test
    void appChoosingEs256GetsEs256IdTokens() throws Exception {
        var settings = AuthorizationCodeFlowTest.app("Curves", AuthMethod.CLIENT_SECRET_BASIC);
        settings = new AppSettings(settings.name(), "", Optional.empty(), true, settings.authMethod(), settings.grantTypes(),
                settings.scopes(), List.of(new RedirectUri(AuthorizationCodeFlowTest.CALLBACK.toString())), settings.accessTokenFormat(),
                settings.accessTokenLifetime(), "ES256", false);
        var created = server().portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        ClientID id = new ClientID(created.app().clientId());
        var response = signIn(id, new com.nimbusds.oauth2.sdk.auth.Secret(created.clientSecret().orElseThrow()));
        assertEquals(JWSAlgorithm.ES256, ((SignedJWT) response.getOIDCTokens().getIDToken()).getHeader().getAlgorithm());
        validator(id, JWSAlgorithm.ES256).validate(response.getOIDCTokens().getIDToken(), null);
    }

    @Test
    void tamperedIdTokenFailsValidation() throws Exception {
        OIDCTokenResponse response = signIn(AuthorizationCodeFlowTest.basicId, AuthorizationCodeFlowTest.basicSecret);
        String[] parts = response.getOIDCTokens().getIDTokenString().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"auth_time\":", "\"auth_time\":9");
        JWT forged = JWTParser.parse(parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes()) + "." + parts[2]);
        var validator = validator(AuthorizationCodeFlowTest.basicId, JWSAlgorithm.RS256);
        assertThrows(com.nimbusds.jose.proc.BadJOSEException.class, () -> validator.validate(forged, null));
    }

    @Test
    void userInfoReleasesClaimsByScope() throws Exception {
        OIDCTokenResponse response = signIn(AuthorizationCodeFlowTest.basicId, AuthorizationCodeFlowTest.basicSecret);
        var request = new UserInfoRequest(discover().getUserInfoEndpointURI(),
                (BearerAccessToken) response.getOIDCTokens().getAccessToken());
        UserInfoResponse info = UserInfoResponse.parse(request.toHTTPRequest().send());
        assertTrue(info.indicatesSuccess());
        assertEquals("Ada Lovelace", info.toSuccessResponse().getUserInfo().getName());
        assertTrue(info.toSuccessResponse().getUserInfo().getEmailAddress().startsWith("user"));
    }

    private static OIDCTokenResponse signIn(ClientID id, com.nimbusds.oauth2.sdk.auth.Secret secret) throws Exception {
        OAuthFlow flow = AuthorizationCodeFlowTest.newUser(true);
        var started = AuthorizationCodeFlowTest.request(id, new Scope("openid", "profile", "email"), true);
        var code = AuthorizationCodeFlowTest.code(flow.authorize(started.url(), true), started.state());
        var response = AuthorizationCodeFlowTest.exchange(new ClientSecretBasic(id, secret),
                new AuthorizationCodeGrant(code, AuthorizationCodeFlowTest.CALLBACK, started.verifier()));
        assertTrue(response.indicatesSuccess());
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private static IDTokenValidator validator(ClientID id, JWSAlgorithm alg) throws Exception {
        return new IDTokenValidator(new Issuer(AuthorizationCodeFlowTest.issuer), id, alg, new URL(server().uri("/oauth2/jwks").toString()));
    }
}

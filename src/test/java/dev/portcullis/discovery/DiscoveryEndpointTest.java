package dev.portcullis.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The well-known documents, read by a certified client library where one exists. */
@ParameterizedClass
@EnumSource(Db.class)
class DiscoveryEndpointTest {
    @Parameter
    Db db;

    static TestServer server;
    static String issuer;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        issuer = server.portcullis().config().server().issuer().toString();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void openidConfigurationParsesAsOidcProviderMetadataWithEveryEndpoint() throws Exception {
        HttpResponse<String> res = server.get("/.well-known/openid-configuration");
        assertEquals(200, res.statusCode());
        OIDCProviderMetadata meta = OIDCProviderMetadata.parse(res.body());
        assertEquals(issuer, meta.getIssuer().getValue());
        assertEquals(URI.create(issuer + "/oauth2/authorize"), meta.getAuthorizationEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/token"), meta.getTokenEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/userinfo"), meta.getUserInfoEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/jwks"), meta.getJWKSetURI());
        assertEquals(URI.create(issuer + "/oauth2/introspect"), meta.getIntrospectionEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/revoke"), meta.getRevocationEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/register"), meta.getRegistrationEndpointURI());
        assertEquals(List.of(ResponseType.CODE, ResponseType.IDTOKEN, ResponseType.IDTOKEN_TOKEN), meta.getResponseTypes());
        assertEquals(List.of(CodeChallengeMethod.S256), meta.getCodeChallengeMethods());
        assertEquals(List.of(SubjectType.PUBLIC), meta.getSubjectTypes());
        assertEquals(List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA), meta.getIDTokenJWSAlgs());
        assertTrue(meta.getGrantTypes().containsAll(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.CLIENT_CREDENTIALS)));
        assertEquals(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.NONE), meta.getTokenEndpointAuthMethods());
        assertTrue(meta.getTokenEndpointJWSAlgs().containsAll(List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256,
                JWSAlgorithm.EdDSA)));
        assertFalse(meta.getTokenEndpointJWSAlgs().contains(JWSAlgorithm.HS256), "no HMAC: client_secret_jwt is not offered");
        assertFalse(meta.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_JWT));
        assertTrue(meta.supportsAuthorizationResponseIssuerParam());
        assertTrue(meta.supportsRequestParam());
        assertTrue(meta.supportsRequestURIParam());
        assertFalse(meta.requiresRequestURIRegistration(), "any https request_uri, none registered beforehand");
        assertTrue(meta.getRequestObjectJWSAlgs().containsAll(List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256,
                JWSAlgorithm.EdDSA)), "RS256 at least: the OpenID dynamic profile needs it");
        assertTrue(meta.getRequestObjectJWSAlgs().stream().noneMatch(a -> a.getName().equals("none")), "unsigned ones are refused");
        assertFalse(meta.getRequestObjectJWSAlgs().contains(JWSAlgorithm.HS256), "no HMAC: there is no shared key to check it");
        assertTrue(meta.getScopes().contains("openid"));
        assertTrue(meta.getScopes().contains("task:read-write"));
        assertTrue(meta.getClaims().containsAll(List.of("sub", "email", "email_verified", "name")));
    }

    @Test
    void userInfoSigningAlgsAreTheAlgorithmsThisServerSignsWith() throws Exception {
        OIDCProviderMetadata meta = OIDCProviderMetadata.parse(server.get("/.well-known/openid-configuration").body());
        assertEquals(List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA), meta.getUserInfoJWSAlgs(),
                "what an app may register as userinfo_signed_response_alg");
        assertEquals(meta.getIDTokenJWSAlgs(), meta.getUserInfoJWSAlgs());
    }

    @Test
    void authorizationServerMetadataIsTheSameDocumentAndParsesPerRfc8414() throws Exception {
        HttpResponse<String> res = server.get("/.well-known/oauth-authorization-server");
        assertEquals(200, res.statusCode());
        AuthorizationServerMetadata meta = AuthorizationServerMetadata.parse(res.body());
        assertEquals(issuer, meta.getIssuer().getValue());
        assertEquals(URI.create(issuer + "/oauth2/token"), meta.getTokenEndpointURI());
        assertEquals(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.PRIVATE_KEY_JWT), meta.getIntrospectionEndpointAuthMethods());
        assertEquals(meta.getTokenEndpointJWSAlgs(), meta.getIntrospectionEndpointJWSAlgs());
        assertEquals(meta.getTokenEndpointJWSAlgs(), meta.getRevocationEndpointJWSAlgs());
        assertTrue(meta.getRevocationEndpointAuthMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT));
        JsonNode raw = Json.MAPPER.readTree(res.body());
        assertTrue(raw.get("client_id_metadata_document_supported").asBoolean());
        assertEquals("[\"none\",\"login\",\"consent\",\"select_account\"]", raw.get("prompt_values_supported").toString());
        assertEquals("[\"query\",\"fragment\",\"form_post\"]", raw.get("response_modes_supported").toString());
        assertEquals(server.get("/.well-known/openid-configuration").body(), res.body());
    }

    @Test
    void metadataIsPubliclyCacheableForFiveMinutes() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                "/.well-known/oauth-protected-resource")) {
            HttpResponse<String> res = server.get(path);
            assertEquals("public, max-age=300", res.headers().firstValue("Cache-Control").orElseThrow(), path);
            assertTrue(res.headers().firstValue("Pragma").isEmpty(), path);
            assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(), path);
        }
    }

    @Test
    void protectedResourceMetadataNamesThisServerInBothForms() throws Exception {
        for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/v2")) {
            HttpResponse<String> res = server.get(path);
            assertEquals(200, res.statusCode(), path);
            JsonNode doc = Json.MAPPER.readTree(res.body());
            assertEquals(issuer + "/v2", doc.get("resource").asText());
            assertEquals("[\"" + issuer + "\"]", doc.get("authorization_servers").toString());
            assertEquals("[\"header\"]", doc.get("bearer_methods_supported").toString());
            assertEquals("Portcullis API", doc.get("resource_name").asText());
            // The routes' scopes and offline_access: an MCP client requests and registers with exactly these.
            assertEquals("[\"offline_access\",\"object_configuration:read\",\"record_permission:read\",\"task:read\","
                    + "\"task:read-write\",\"user_management:read\"]", doc.get("scopes_supported").toString());
        }
    }

    @Test
    void aChallengeOfTheApiPointsAtTheProtectedResourceMetadata() {
        HttpResponse<String> res = server.get("/v2/self");
        String challenge = res.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.contains("resource_metadata=\"" + issuer + "/.well-known/oauth-protected-resource\""), challenge);
    }
}

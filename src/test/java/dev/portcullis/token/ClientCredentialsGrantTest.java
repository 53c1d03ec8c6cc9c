package dev.portcullis.token;

import dev.portcullis.events.Actor;
import dev.portcullis.support.GrantSuite;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client_credentials grant on its own (RFC 6749 §4.4): the app acts for itself, so it gets
 * only its own non-user scopes, for one resource at most (RFC 8707), never a refresh or ID token,
 * and only a confidential app that authenticates and may use the grant gets anything at all.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ClientCredentialsGrantTest extends GrantSuite {
    static final String MCP = "https://mcp.example.com/mcp";


    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        server.portcullis().core().resources().save(MCP, "Acme MCP server", List.of("task:read"));
    }

    /** A confidential app whose scopes mix the API's with the user scopes a person would have to grant. */
    static UserTokens.Client worker() {
        return users.app("task:read", "openid", "note:read", "offline_access", "email");
    }

    static HttpResponse<String> grant(UserTokens.Client client, String... extra) {
        var body = params("grant_type", "client_credentials");
        for (int i = 0; i + 1 < extra.length; i += 2) body.put(extra[i], extra[i + 1]);
        return oauth.token(basic(client.id(), client.secret()), body);
    }

    static JsonNode introspect(UserTokens.Client client, String token) {
        return OAuthClient.json(oauth.post("/oauth2/introspect", basic(client.id(), client.secret()),
                OAuthClient.form(params("token", token))));
    }

    static long tokensOf(String clientId) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM access_tokens WHERE app_id = ?", clientId));
    }

    static void assertError(HttpResponse<String> res, int status, String error) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(error, OAuthClient.json(res).get("error").asText());
    }

    @Test
    void grantWhenNoScopeIsAskedThenTheAppsNonUserScopesAndNoRefreshOrIdToken() {
        var client = worker();
        HttpResponse<String> res = grant(client);
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = OAuthClient.json(res);
        assertEquals("task:read note:read", body.get("scope").asText(), "openid, offline_access and email need a user");
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asInt());
        assertFalse(body.has("refresh_token"));
        assertFalse(body.has("id_token"));
        assertEquals(1L, tokensOf(client.id()));
    }

    @Test
    void grantThenTheTokenIntrospectsActiveAsTheClientItselfWithItsScopesAndLifetime() {
        var client = worker();
        JsonNode token = OAuthClient.json(grant(client));
        JsonNode body = introspect(client, token.get("access_token").asText());
        assertTrue(body.get("active").asBoolean(), body.toString());
        assertEquals(client.id(), body.get("client_id").asText());
        assertEquals(client.id(), body.get("sub").asText(), "no user: the client is the subject");
        assertEquals(client.id(), body.get("aud").asText(), "no resource asked: the client is the audience");
        assertEquals("task:read note:read", body.get("scope").asText());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(server.portcullis().config().server().issuer().toString(), body.get("iss").asText());
        assertEquals(3600, body.get("exp").asLong() - body.get("iat").asLong());
        for (String userField : List.of("workspace_id", "authorized_by_workspace_member_id", "username")) {
            assertFalse(body.has(userField), userField + " belongs to user tokens only");
        }
    }

    @Test
    void grantWhenANarrowerScopeIsAskedThenExactlyThatScope() {
        var client = worker();
        JsonNode body = OAuthClient.json(grant(client, "scope", "note:read note:read"));
        assertEquals("note:read", body.get("scope").asText(), "a repeated scope counts once");
        assertEquals("note:read", introspect(client, body.get("access_token").asText()).get("scope").asText());
    }

    @Test
    void grantWhenAUserScopeIsAskedThenInvalidScopeAndNoToken() {
        var client = worker();
        for (String userScope : List.of("openid", "offline_access", "email", "task:read openid")) {
            HttpResponse<String> res = grant(client, "scope", userScope);
            assertError(res, 400, "invalid_scope");
            assertFalse(res.body().contains("access_token"));
        }
        assertEquals(0L, tokensOf(client.id()), "a refused grant stores nothing");
    }

    @Test
    void grantWhenAScopeOutsideTheAppIsAskedThenInvalidScopeNamingItAndNoToken() {
        var client = worker();
        HttpResponse<String> res = grant(client, "scope", "task:read task:read-write");
        assertError(res, 400, "invalid_scope");
        assertTrue(OAuthClient.json(res).get("error_description").asText().contains("task:read-write"));
        assertEquals(0L, tokensOf(client.id()));
    }

    @Test
    void grantWhenAKnownResourceIsAskedThenTheTokenIsForThatAudience() {
        var client = worker();
        JsonNode body = OAuthClient.json(grant(client, "resource", MCP, "scope", "task:read"));
        JsonNode introspected = introspect(client, body.get("access_token").asText());
        assertTrue(introspected.get("active").asBoolean());
        assertEquals(MCP, introspected.get("aud").asText());
        assertEquals(1L, (long) server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM access_tokens WHERE app_id = ? AND resource = ?", client.id(), MCP)));
    }

    @Test
    void grantWhenAJwtAppAsksForAResourceThenTheJwtNamesTheClientAsSubjectAndTheResourceAsAudience() throws Exception {
        var client = users.app(AccessTokenFormat.JWT, new Lifetime.Default(), false, "task:read", "openid");
        String jwt = OAuthClient.json(grant(client, "resource", MCP)).get("access_token").asText();
        JWTClaimsSet claims = server.portcullis().core().keys().verify(jwt).orElseThrow();
        assertEquals(client.id(), claims.getSubject());
        assertEquals(client.id(), claims.getStringClaim("client_id"));
        assertEquals(List.of(MCP), claims.getAudience());
        assertEquals("task:read", claims.getStringClaim("scope"));
        assertFalse(claims.getClaims().containsKey("workspace_id"));
    }

    @Test
    void grantWhenTheResourceIsUnknownThenInvalidTargetAndNoToken() {
        var client = worker();
        assertError(grant(client, "resource", "https://elsewhere.example.com/api"), 400, "invalid_target");
        assertEquals(0L, tokensOf(client.id()));
    }

    @Test
    void grantWhenTheSecretIsWrongThenInvalidClientAndNoToken() {
        var client = worker();
        HttpResponse<String> res = oauth.token(basic(client.id(), client.secret() + "x"), params("grant_type", "client_credentials"));
        assertError(res, 401, "invalid_client");
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        assertFalse(res.body().contains(client.secret()), "no secret in an error");
        var other = worker();
        assertError(oauth.token(basic(client.id(), other.secret()), params("grant_type", "client_credentials")), 401, "invalid_client");
        assertEquals(0L, tokensOf(client.id()));
    }

    @Test
    void grantWhenAPublicClientAsksThenRefusedAndNoToken() {
        String publicId = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("SPA", AuthMethod.NONE)
                .withScopes(List.of("task:read"))).app().clientId();
        assertError(oauth.token(null, params("grant_type", "client_credentials", "client_id", publicId)), 400, "unauthorized_client");
        assertError(oauth.token(basic(publicId, "made-up"), params("grant_type", "client_credentials")), 401, "invalid_client");
        assertEquals(0L, tokensOf(publicId));
    }

    @Test
    void grantWhenTheAppMayNotUseClientCredentialsThenUnauthorizedClientAndNoToken() {
        var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Web app", AuthMethod.CLIENT_SECRET_BASIC)
                .withScopes(List.of("task:read")));
        String id = created.app().clientId();
        assertError(oauth.token(basic(id, created.clientSecret().orElseThrow()), params("grant_type", "client_credentials")), 400,
                "unauthorized_client");
        assertEquals(0L, tokensOf(id));
    }
}

package dev.portcullis.introspect;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.events.Actor;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Introspection in both modes (RFC 7662 with client authentication, and the Attio style where the
 * bearer describes itself) for every kind of credential, and OAuth access tokens on /v2.
 */
@ParameterizedClass
@EnumSource(Db.class)
class IntrospectionHttpTest {
    static final String[] SCOPES = {"openid", "profile", "email", "offline_access", "task:read", "object_configuration:read",
        "record_permission:read", "user_management:read"};
    static final List<String> PATHS = List.of("/oauth/introspect", "/oauth2/introspect", "/oauth2/introspection");

    @Parameter
    Db db;

    static TestServer server;
    static MutableClock clock;
    static OAuthClient oauth;
    static UserTokens tokens;
    static UserTokens.Member ada;
    static UserTokens.Client app;
    static UserTokens.Client jwtApp;
    static UserTokens.Client other;
    static UserTokens.Client resourceServer;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        clock = MutableClock.startingNow();
        server = TestServer.start(TestServer.configFor(TestDatabases.fresh(db)), clock);
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        ada = tokens.member("Ada Lovelace");
        app = tokens.app(SCOPES);
        jwtApp = tokens.app(AccessTokenFormat.JWT, new Lifetime.Default(), false, SCOPES);
        other = tokens.app(SCOPES);
        resourceServer = tokens.app(AccessTokenFormat.OPAQUE, new Lifetime.Default(), true, "task:read");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }


    static JsonNode introspect(UserTokens.Client caller, String token) {
        return introspect("/oauth/introspect", caller, token);
    }

    static JsonNode introspect(String path, UserTokens.Client caller, String token) {
        HttpResponse<String> res = oauth.post(path, basic(caller.id(), caller.secret()), form(params("token", token)));
        assertEquals(200, res.statusCode(), res.body());
        return json(res);
    }

    /** Attio style: no client authentication, the bearer is the token to describe. */
    static JsonNode introspectAsBearer(String path, String token) {
        HttpResponse<String> res = oauth.post(path, "Bearer " + token, "");
        assertEquals(200, res.statusCode(), res.body());
        return json(res);
    }

    static HttpResponse<String> api(String path, String token) {
        return oauth.getWithBearer(path, token);
    }

    static boolean active(JsonNode body) {
        boolean active = body.get("active").asBoolean();
        if (!active) assertEquals(1, body.size(), "an inactive token reveals nothing else: " + body);
        return active;
    }

    String issuer() {
        return server.portcullis().config().server().issuer().toString();
    }

    @Test
    void ownOpaqueUserTokenThenEverySpecFieldWithSubTheUser() {
        var issued = tokens.issue(ada, app, "openid", "task:read");
        JsonNode body = introspect(app, issued.accessToken());
        assertTrue(active(body));
        assertEquals("openid task:read", body.get("scope").asText());
        assertEquals(app.id(), body.get("client_id").asText());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("exp").asLong() - body.get("iat").asLong());
        assertEquals(ada.user().id(), body.get("sub").asText(), "RFC 7662 caller: sub is the user");
        assertEquals(app.id(), body.get("aud").asText());
        assertEquals(issuer(), body.get("iss").asText());
        assertEquals(ada.memberId(), body.get("authorized_by_workspace_member_id").asText());
        assertEquals(ada.workspace().id(), body.get("workspace_id").asText());
        assertEquals(ada.workspace().name(), body.get("workspace_name").asText());
        assertEquals(ada.workspace().slug(), body.get("workspace_slug").asText());
        assertEquals(ada.workspace().logoUrl().orElseThrow(), body.get("workspace_logo_url").asText());
        assertEquals(14, body.size(), body.toString());
    }

    @Test
    void attioStyleAndV2SelfGiveTheRfc7662BodyWithSubTheWorkspaceOnEveryPath() {
        var issued = tokens.issue(ada, app, "task:read");
        JsonNode rfc = introspect(app, issued.accessToken());
        assertEquals(ada.user().id(), rfc.get("sub").asText());
        JsonNode attio = rfc.deepCopy();
        ((ObjectNode) attio).put("sub", ada.workspace().id());
        for (String path : PATHS) {
            assertEquals(rfc, introspect(path, app, issued.accessToken()), path);
            assertEquals(attio, introspectAsBearer(path, issued.accessToken()), path);
        }
        assertEquals(attio, json(api("/v2/self", issued.accessToken())));
    }

    @Test
    void neverExpiringTokenHasExpNull() {
        var forever = tokens.app(AccessTokenFormat.OPAQUE, new Lifetime.Never(), false, SCOPES);
        var issued = tokens.issue(ada, forever, "task:read");
        JsonNode body = introspect(forever, issued.accessToken());
        assertTrue(active(body));
        assertTrue(body.has("exp") && body.get("exp").isNull());
    }

    @Test
    void jwtAccessTokenFollowsRfc9068AndIntrospectsLikeAnOpaqueOne() throws Exception {
        var issued = tokens.issue(ada, jwtApp, "openid", "task:read", "object_configuration:read", "record_permission:read",
                "user_management:read");
        SignedJWT jwt = SignedJWT.parse(issued.accessToken());
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
        JWKSet jwks = JWKSet.parse(server.get("/oauth2/jwks").body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(key)), "verifiable with the published JWKS");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(issuer(), claims.getIssuer());
        assertEquals(ada.user().id(), claims.getSubject(), "RFC 9068: sub is the user");
        assertEquals(List.of(issuer() + "/v2"), claims.getAudience());
        assertEquals(jwtApp.id(), claims.getStringClaim("client_id"));
        assertEquals("openid task:read object_configuration:read record_permission:read user_management:read",
                claims.getStringClaim("scope"));
        assertEquals(ada.workspace().id(), claims.getStringClaim("workspace_id"));
        assertEquals(3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertFalse(claims.getJWTID().isBlank());

        JsonNode body = introspect(jwtApp, issued.accessToken());
        assertTrue(active(body));
        assertEquals(claims.getSubject(), body.get("sub").asText(), "RFC 7662 caller: the JWT's own sub");
        assertEquals(claims.getExpirationTime().toInstant().getEpochSecond(), body.get("exp").asLong());
        JsonNode attio = introspectAsBearer("/oauth2/introspect", issued.accessToken());
        assertEquals(ada.workspace().id(), attio.get("sub").asText(), "Attio style keeps the workspace");
        ((ObjectNode) attio).put("sub", claims.getSubject());
        assertEquals(body, attio, "the two modes differ in sub only");
        assertEquals(200, api("/v2/tasks", issued.accessToken()).statusCode());
        String tampered = issued.accessToken().substring(0, issued.accessToken().length() - 4) + "AAAA";
        assertFalse(active(introspect(jwtApp, tampered)));
        assertEquals(401, api("/v2/tasks", tampered).statusCode());
    }

    @Test
    void jwtSignedByUsButWrongIssuerTypeOrWithoutExpIsInactive() throws Exception {
        var issued = tokens.issue(ada, jwtApp, "task:read");
        JWTClaimsSet good = SignedJWT.parse(issued.accessToken()).getJWTClaimsSet();
        var keys = server.portcullis().core().keys();
        JOSEObjectType atJwt = new JOSEObjectType("at+jwt");
        // Same jti, so the row exists: only the claim or header under test is wrong.
        String wrongIssuer = keys.sign(new JWTClaimsSet.Builder(good).issuer("https://evil.example").build(), atJwt);
        String idTokenType = keys.sign(good, JOSEObjectType.JWT);
        String noExp = keys.sign(new JWTClaimsSet.Builder(good).expirationTime(null).build(), atJwt);
        String resigned = keys.sign(good, atJwt);
        assertTrue(active(introspect(jwtApp, resigned)), "control: a correct re-signing is active");
        for (String bad : List.of(wrongIssuer, idTokenType, noExp)) {
            assertFalse(active(introspect(jwtApp, bad)));
            assertEquals(401, api("/v2/tasks", bad).statusCode());
        }
    }

    @Test
    void refreshTokenIntrospectsOnlyForItsOwnClientAndIsNoBearer() {
        var issued = tokens.issue(ada, app, "offline_access", "task:read");
        String refresh = issued.refreshToken().orElseThrow();
        JsonNode body = introspect(app, refresh);
        assertTrue(active(body));
        assertEquals("refresh_token", body.get("token_type").asText());
        assertEquals(app.id(), body.get("client_id").asText());
        assertEquals(ada.user().id(), body.get("sub").asText(), "a refresh token is user-authorized too");
        assertEquals(ada.workspace().id(), body.get("workspace_id").asText());
        assertTrue(body.get("exp").asLong() > body.get("iat").asLong());
        assertFalse(active(introspect(other, refresh)), "another app");
        assertFalse(active(introspect(resourceServer, refresh)), "a resource server has no business with refresh tokens");
        assertFalse(active(introspectAsBearer("/oauth/introspect", refresh)), "a refresh token is no bearer credential");
        assertEquals("{\"active\":false}", api("/v2/self", refresh).body());
        assertEquals(401, api("/v2/objects", refresh).statusCode());
    }

    @Test
    void apiKeyIntrospectsForResourceServersAndAsBearerOnly() {
        var fixture = new ApiKeyFixture(server.portcullis().database());
        var key = fixture.apiKey(fixture.workspace("keys-" + db.name().toLowerCase()), "task:read");
        JsonNode body = introspect(resourceServer, key.secret());
        assertTrue(active(body));
        assertEquals("api_key", body.get("token_type").asText());
        assertEquals(key.workspaceId(), body.get("sub").asText(), "an API key's sub is its workspace in both modes");
        assertEquals(key.id(), body.get("aud").asText());
        assertFalse(body.has("client_id"));
        assertEquals(body, introspectAsBearer("/oauth2/introspection", key.secret()));
        assertFalse(active(introspect(app, key.secret())), "an ordinary app may not introspect API keys");
    }

    @Test
    void anotherAppsTokenIsInactiveButAResourceServerSeesIt() {
        var issued = tokens.issue(ada, app, "task:read");
        assertFalse(active(introspect(other, issued.accessToken())));
        assertFalse(active(introspect(jwtApp, issued.accessToken())));
        JsonNode seen = introspect(resourceServer, issued.accessToken());
        assertTrue(active(seen));
        assertEquals(app.id(), seen.get("client_id").asText());
    }

    @Test
    void clientCredentialsTokenHasNoWorkspaceSubIsTheClientAndWorkspaceRoutesAnswer403() {
        HttpResponse<String> res = oauth.token(basic(app.id(), app.secret()), params("grant_type", "client_credentials"));
        assertEquals(200, res.statusCode(), res.body());
        String token = json(res).get("access_token").asText();
        JsonNode body = introspect(app, token);
        assertTrue(active(body));
        assertEquals(app.id(), body.get("sub").asText());
        assertEquals(app.id(), body.get("client_id").asText());
        assertFalse(body.has("workspace_id"));
        assertFalse(body.has("authorized_by_workspace_member_id"));
        assertEquals("task:read object_configuration:read record_permission:read user_management:read", body.get("scope").asText());
        assertEquals(body, json(api("/v2/self", token)));
        for (String path : List.of("/v2/tasks", "/v2/workspace_members")) {
            HttpResponse<String> refused = api(path, token);
            assertEquals(403, refused.statusCode(), path);
            assertEquals("access_denied", json(refused).get("code").asText());
        }
        assertEquals(200, api("/v2/objects", token).statusCode(), "objects are not workspace data");
    }

    @Test
    void userAccessTokenWorksOnV2InItsWorkspace() {
        var issued = tokens.issue(ada, app, "user_management:read");
        HttpResponse<String> res = api("/v2/workspace_members", issued.accessToken());
        assertEquals(200, res.statusCode(), res.body());
        JsonNode members = json(res).get("data");
        assertEquals(1, members.size());
        assertEquals(ada.memberId(), members.get(0).get("id").asText());
        HttpResponse<String> tasks = api("/v2/tasks", issued.accessToken());
        assertEquals(403, tasks.statusCode());
        assertEquals("insufficient_scopes", json(tasks).get("code").asText());
    }

    @Test
    void expiredOpaqueAndJwtTokensAreInactive() {
        var shortOpaque = tokens.app(AccessTokenFormat.OPAQUE, new Lifetime.Fixed(Duration.ofSeconds(60)), false, SCOPES);
        var shortJwt = tokens.app(AccessTokenFormat.JWT, new Lifetime.Fixed(Duration.ofSeconds(60)), false, SCOPES);
        var opaque = tokens.issue(ada, shortOpaque, "task:read");
        var jwt = tokens.issue(ada, shortJwt, "task:read");
        assertTrue(active(introspect(shortOpaque, opaque.accessToken())));
        assertTrue(active(introspectAsBearer("/oauth/introspect", jwt.accessToken())));
        clock.advance(Duration.ofSeconds(61));
        assertFalse(active(introspect(shortOpaque, opaque.accessToken())));
        assertFalse(active(introspectAsBearer("/oauth/introspect", opaque.accessToken())));
        assertFalse(active(introspect(shortJwt, jwt.accessToken())));
        assertFalse(active(introspectAsBearer("/oauth/introspect", jwt.accessToken())));
        assertEquals(401, api("/v2/objects", jwt.accessToken()).statusCode());
    }

    @Test
    void revokedConnectionOrAppWithOAuthTurnedOffMakesTokensInactive() {
        var bob = tokens.member("Bob Stone");
        var issued = tokens.issue(bob, app, "offline_access", "task:read");
        assertTrue(active(introspect(app, issued.accessToken())));
        tokens.connections().revoke(Actor.system(), bob.user().id(), issued.connection().id());
        assertFalse(active(introspect(app, issued.accessToken())));
        assertFalse(active(introspect(app, issued.refreshToken().orElseThrow())));

        var disabled = tokens.app(SCOPES);
        var held = tokens.issue(bob, disabled, "task:read");
        assertTrue(active(introspectAsBearer("/oauth/introspect", held.accessToken())));
        var apps = server.portcullis().apps();
        server.portcullis().database().inTransaction(tx -> apps.update(tx, Actor.system(), disabled.app(), disabled.app().settings().withOAuthEnabled(false)));
        server.portcullis().credentials().changed();
        assertFalse(active(introspectAsBearer("/oauth/introspect", held.accessToken())));
        assertFalse(active(introspect(resourceServer, held.accessToken())));
    }

    @Test
    void errorsAreOAuthJsonMergedWithApiFields() {
        var issued = tokens.issue(ada, app, "task:read");
        HttpResponse<String> noClient = oauth.post("/oauth/introspect", null, form(params("token", issued.accessToken())));
        assertEquals(401, noClient.statusCode());
        JsonNode body = json(noClient);
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals("invalid_client", body.get("code").asText());
        assertEquals(401, body.get("status_code").asInt());

        HttpResponse<String> wrongSecret = oauth.post("/oauth2/introspect", basic(app.id(), app.secret() + "x"),
                form(params("token", issued.accessToken())));
        assertEquals(401, wrongSecret.statusCode());
        assertTrue(wrongSecret.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        assertFalse(wrongSecret.body().contains(issued.accessToken()));

        HttpResponse<String> noToken = oauth.post("/oauth2/introspect", basic(app.id(), app.secret()), "");
        assertEquals(400, noToken.statusCode());
        assertEquals("invalid_request", json(noToken).get("error").asText());
        assertEquals(401, oauth.post("/oauth2/introspect", null, "").statusCode(), "neither a bearer nor a client");

        // A bearer token authorizes a call about another token only when its app is a resource server.
        HttpResponse<String> bearerPlusToken = oauth.post("/oauth/introspect", "Bearer " + issued.accessToken(),
                form(params("token", issued.accessToken())));
        assertEquals(401, bearerPlusToken.statusCode());
        assertEquals("invalid_token", json(bearerPlusToken).get("error").asText());
        assertFalse(active(introspectAsBearer("/oauth/introspect", "garbage")));
    }
}

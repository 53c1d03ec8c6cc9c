package dev.portcullis.exchange;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.GrantSuite;
import dev.portcullis.support.UserTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 8693 token exchange: an MCP server trades the user's token for one aimed at the /v2 API. */
@ParameterizedClass
@EnumSource(dev.portcullis.support.Db.class)
class TokenExchangeGrantTest extends GrantSuite {
    static final String MCP = "https://mcp.example.com/mcp";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final String[] API_SCOPES = {"task:read", "object_configuration:read", "record_permission:read", "user_management:read"};

    String api;
    UserTokens.Member member;
    UserTokens.Client agent;
    UserTokens.Client mcpServer;
    UserTokens.Issued userToken;

    @BeforeEach
    void setUp() {
        api = server.portcullis().config().server().issuer() + "/v2";
        server.portcullis().core().resources().save(MCP, "Acme MCP server", List.of(API_SCOPES));
        member = users.member("Ada");
        agent = users.app("task:read", "object_configuration:read", "record_permission:read", "user_management:read", "note:read");
        mcpServer = exchanger(AccessTokenFormat.OPAQUE, API_SCOPES);
        allow(mcpServer, api);
        userToken = users.issueFor(member, agent, Optional.of(MCP),
                "task:read", "object_configuration:read", "record_permission:read", "user_management:read", "note:read");
    }

    /** A confidential app that may use token exchange (and nothing else), with these scopes. */
    static UserTokens.Client exchanger(AccessTokenFormat format, String... scopes) {
        var settings = new AppSettings("Exchanger", "", Optional.empty(), true, AuthMethod.CLIENT_SECRET_BASIC,
                EnumSet.of(GrantType.TOKEN_EXCHANGE), List.of(scopes), List.of(), format, new Lifetime.Default(), "RS256", false);
        var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        return new UserTokens.Client(created.app(), created.clientSecret().orElseThrow());
    }

    static void allow(UserTokens.Client client, String... resources) {
        server.portcullis().core().database().inTransaction(tx -> {
            new SqlExchangeTargetRepository().replace(tx, client.id(), List.of(resources));
            return null;
        });
    }

    static HttpResponse<String> exchange(UserTokens.Client client, String subjectToken, String... more) {
        Map<String, String> p = params("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN);
        p.putAll(params(more));
        return oauth.token(basic(client.id(), client.secret()), p);
    }

    static JsonNode introspect(UserTokens.Client client, String token) {
        return json(oauth.post("/oauth2/introspect", basic(client.id(), client.secret()), form(params("token", token))));
    }

    static void assertError(HttpResponse<String> res, int status, String error) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(error, json(res).get("error").asText(), res.body());
    }

    @Test
    void mcpServerExchangesTheUsersTokenForTheApiAndCallsTasksUntilTheConnectionIsRevoked() {
        assertEquals(401, oauth.getWithBearer("/v2/tasks", userToken.accessToken()).statusCode(), "a token for the MCP server");

        var res = exchange(mcpServer, userToken.accessToken(), "resource", api);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals(ACCESS_TOKEN, body.get("issued_token_type").asText());
        assertEquals("Bearer", body.get("token_type").asText());
        assertTrue(body.get("expires_in").asLong() > 0);
        assertEquals(String.join(" ", API_SCOPES), body.get("scope").asText(), "note:read is not the MCP server's to have");
        assertFalse(body.has("refresh_token"));
        String exchanged = body.get("access_token").asText();
        assertEquals(200, oauth.getWithBearer("/v2/tasks", exchanged).statusCode());
        JsonNode seen = introspect(mcpServer, exchanged);
        assertEquals(api, seen.get("aud").asText());
        assertEquals(member.user().id(), seen.get("sub").asText());
        assertEquals(member.workspace().id(), seen.get("workspace_id").asText());

        users.connections().revoke(Actor.system(), member.user().id(), userToken.connection().id());

        assertEquals(401, oauth.getWithBearer("/v2/tasks", exchanged).statusCode());
        assertEquals("{\"active\":false}", oauth.post("/oauth2/introspect", basic(mcpServer.id(), mcpServer.secret()),
                form(params("token", exchanged))).body());
    }

    @Test
    void exchangeRecordsTokenIssuedByTheExchangingClientInTheSubjectsWorkspaceAndARefusalNothing() {
        assertEquals(400, exchange(mcpServer, userToken.accessToken(), "resource", "https://unknown.example").statusCode());
        var res = exchange(mcpServer, userToken.accessToken(), "resource", api);
        assertEquals(200, res.statusCode(), res.body());
        var issued = server.portcullis().core().events().page(EventQuery.newest(10).ofTypes(Set.of(EventType.TOKEN_ISSUED))
                .byActor(mcpServer.id())).events();
        assertEquals(1, issued.size(), "the refused exchange issued nothing: " + issued);
        Event e = issued.getFirst();
        assertEquals(Actor.Kind.CLIENT, e.actor().kind());
        assertEquals("urn:ietf:params:oauth:grant-type:token-exchange", e.data().get("grant_type"));
        assertEquals(Optional.of(member.workspace().id()), e.workspaceId());
        assertEquals("grant", e.target().orElseThrow().kind());
        assertFalse(server.portcullis().core().events().page(EventQuery.newest(200)).events().toString()
                .contains(json(res).get("access_token").asText()));
    }

    @Test
    void exchangeWithDpopProofBindsTheNewTokenToTheKey() throws Exception {
        var proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        URI tokenUri = server.uri("/oauth2/token");
        String body = form(params("grant_type", TOKEN_EXCHANGE, "subject_token", userToken.accessToken(),
                "subject_token_type", ACCESS_TOKEN, "resource", api));
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(tokenUri)
                .header("Authorization", basic(mcpServer.id(), mcpServer.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", proofs.createDPoPJWT("POST", tokenUri).serialize())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("DPoP", json(res).get("token_type").asText());
        String exchanged = json(res).get("access_token").asText();
        assertTrue(introspect(mcpServer, exchanged).has("cnf"), "introspection names the key it is bound to");
        assertEquals(401, oauth.getWithBearer("/v2/tasks", exchanged).statusCode(), "a bound token is no bearer token");
    }

    @Test
    void exchangeWhenScopeNarrowedThenTheTokenHasOnlyThatScope() {
        var res = exchange(mcpServer, userToken.accessToken(), "audience", api, "scope", "task:read");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("task:read", json(res).get("scope").asText());
        assertEquals("task:read", introspect(mcpServer, json(res).get("access_token").asText()).get("scope").asText());
    }

    @Test
    void exchangeWhenScopeBeyondTheSubjectTokenThenInvalidScope() {
        var widened = users.issueFor(member, agent, Optional.of(MCP), "task:read");

        assertError(exchange(mcpServer, widened.accessToken(), "resource", api, "scope", "task:read user_management:read"),
                400, "invalid_scope");
    }

    @Test
    void exchangeWhenScopeBeyondTheClientsAllowanceThenInvalidScope() {
        var res = exchange(mcpServer, userToken.accessToken(), "resource", api, "scope", "task:read note:read");

        assertError(res, 400, "invalid_scope");
        assertTrue(json(res).get("error_description").asText().contains("note:read"), res.body());
    }

    @Test
    void exchangeWhenUnknownAudienceThenInvalidTarget() {
        assertError(exchange(mcpServer, userToken.accessToken(), "audience", "https://unknown.example.com/api"), 400, "invalid_target");
    }

    @Test
    void exchangeWhenResourceAndAudienceDisagreeThenInvalidTarget() {
        assertError(exchange(mcpServer, userToken.accessToken(), "resource", api, "audience", MCP), 400, "invalid_target");
    }

    @Test
    void exchangeWhenTargetNotAllowedForThisClientThenInvalidTarget() {
        var res = exchange(mcpServer, userToken.accessToken(), "resource", MCP);

        assertError(res, 400, "invalid_target");
        assertTrue(json(res).get("error_description").asText().contains("may not exchange"), res.body());
    }

    @Test
    void exchangeWhenClientHasNoTargetsThenInvalidTarget() {
        var stranger = exchanger(AccessTokenFormat.OPAQUE, API_SCOPES);

        assertError(exchange(stranger, userToken.accessToken(), "resource", api), 400, "invalid_target");
    }

    @Test
    void exchangeWhenGrantNotEnabledThenUnauthorizedClient() {
        var other = users.app(API_SCOPES);

        assertError(exchange(other, userToken.accessToken(), "resource", api), 400, "unauthorized_client");
    }

    @Test
    void exchangeWhenSubjectTokenRevokedThenInvalidRequest() {
        var revoked = oauth.post("/oauth/revoke", basic(agent.id(), agent.secret()), form(params("token", userToken.accessToken())));
        assertEquals(200, revoked.statusCode(), revoked.body());

        var res = exchange(mcpServer, userToken.accessToken(), "resource", api);

        assertError(res, 400, "invalid_request");
        assertTrue(json(res).get("error_description").asText().contains("subject_token"), res.body());
    }

    @Test
    void exchangeWhenSubjectTokenIsGarbageThenInvalidRequest() {
        assertError(exchange(mcpServer, "pc_at_not-a-token", "resource", api), 400, "invalid_request");
    }

    @Test
    void exchangeWhenSubjectTokenTypeUnknownThenInvalidRequest() {
        var res = oauth.token(basic(mcpServer.id(), mcpServer.secret()), params("grant_type", TOKEN_EXCHANGE,
                "subject_token", userToken.accessToken(), "subject_token_type", "urn:ietf:params:oauth:token-type:saml2"));

        assertError(res, 400, "invalid_request");
    }

    @Test
    void exchangeWhenSubjectTokenMissingThenInvalidRequest() {
        var res = oauth.token(basic(mcpServer.id(), mcpServer.secret()), params("grant_type", TOKEN_EXCHANGE,
                "subject_token_type", ACCESS_TOKEN));

        assertError(res, 400, "invalid_request");
    }

    @Test
    void introspectionShowsTheActorChainNestedAtEachExchange() {
        var first = json(exchange(mcpServer, userToken.accessToken(), "resource", api)).get("access_token").asText();
        var downstream = exchanger(AccessTokenFormat.OPAQUE, "task:read");
        allow(downstream, api);

        var second = exchange(downstream, first, "resource", api);

        assertEquals(200, second.statusCode(), second.body());
        assertEquals("task:read", json(second).get("scope").asText());
        JsonNode act = introspect(downstream, json(second).get("access_token").asText()).get("act");
        assertEquals(downstream.id(), act.get("sub").asText());
        assertEquals(mcpServer.id(), act.get("act").get("sub").asText());
        assertEquals(mcpServer.id(), introspect(mcpServer, first).get("act").get("sub").asText());
        assertFalse(introspect(agent, userToken.accessToken()).has("act"), "a token the user gave directly has no actor");
    }

    @Test
    void exchangeWithActorTokenRecordsTheActorsSubject() {
        var actor = users.app(AccessTokenFormat.OPAQUE, new Lifetime.Default(), false, "task:read");
        var actorToken = json(oauth.token(basic(actor.id(), actor.secret()), params("grant_type", "client_credentials",
                "scope", "task:read"))).get("access_token").asText();

        var res = exchange(mcpServer, userToken.accessToken(), "resource", api, "actor_token", actorToken,
                "actor_token_type", ACCESS_TOKEN);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(actor.id(), introspect(mcpServer, json(res).get("access_token").asText()).get("act").get("sub").asText());
    }

    @Test
    void exchangeForJwtClientCarriesTheActClaim() throws Exception {
        var jwtServer = exchanger(AccessTokenFormat.JWT, API_SCOPES);
        allow(jwtServer, api);

        var res = exchange(jwtServer, userToken.accessToken(), "resource", api);

        assertEquals(200, res.statusCode(), res.body());
        var claims = com.nimbusds.jwt.SignedJWT.parse(json(res).get("access_token").asText()).getJWTClaimsSet();
        assertEquals(List.of(api), claims.getAudience());
        assertEquals(member.user().id(), claims.getSubject());
        assertEquals(Map.of("sub", jwtServer.id()), claims.getJSONObjectClaim("act"));
        assertEquals(200, oauth.getWithBearer("/v2/tasks", json(res).get("access_token").asText()).statusCode());
    }
}

package dev.portcullis.clientauth;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An app with a secret may send it by Basic or in the body, whichever it registered, at every
 * endpoint that authenticates clients; no credentials, a wrong secret, or both methods at once
 * stay invalid_client.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SecretMethodLeniencyHttpTest {
    static final String[] SCOPES = {"offline_access", "task:read"};

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens tokens;
    static UserTokens.Member ada;
    static UserTokens.Client postApp;
    static UserTokens.Client basicApp;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        ada = tokens.member("Ada Lovelace");
        postApp = app(AuthMethod.CLIENT_SECRET_POST);
        basicApp = app(AuthMethod.CLIENT_SECRET_BASIC);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static UserTokens.Client app(AuthMethod method) {
        var settings = AppSettings.defaults("Leniency " + method.wireName(), method).withScopes(List.of(SCOPES));
        var withGrants = new AppSettings(settings.name(), "", Optional.empty(), true, method,
                EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), settings.scopes(), List.of(),
                settings.accessTokenFormat(), settings.accessTokenLifetime(), "RS256", false);
        var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), withGrants);
        return new UserTokens.Client(created.app(), created.clientSecret().orElseThrow());
    }

    static HttpResponse<String> refreshByBasic(UserTokens.Client client, String secret, String refreshToken) {
        return oauth.token(basic(client.id(), secret), params("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    static HttpResponse<String> refreshByPost(UserTokens.Client client, String secret, String refreshToken) {
        return oauth.token(null, params("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", client.id(), "client_secret", secret));
    }

    @Test
    void postRegisteredAppAuthenticatingWithBasicGetsTokensAndIntrospects() {
        var issued = tokens.issue(ada, postApp, SCOPES);
        HttpResponse<String> res = refreshByBasic(postApp, postApp.secret(), issued.refreshToken().orElseThrow());
        assertEquals(200, res.statusCode(), res.body());
        String accessToken = json(res).get("access_token").asText();
        HttpResponse<String> introspected = oauth.post("/oauth2/introspect", basic(postApp.id(), postApp.secret()),
                form(params("token", accessToken)));
        assertEquals(200, introspected.statusCode());
        assertTrue(json(introspected).get("active").asBoolean());
        assertEquals(postApp.id(), json(introspected).get("client_id").asText());
    }

    @Test
    void basicRegisteredAppAuthenticatingWithPostGetsTokensIntrospectsAndRevokes() {
        var issued = tokens.issue(ada, basicApp, SCOPES);
        HttpResponse<String> res = refreshByPost(basicApp, basicApp.secret(), issued.refreshToken().orElseThrow());
        assertEquals(200, res.statusCode(), res.body());
        String accessToken = json(res).get("access_token").asText();
        var byPost = params("token", accessToken, "client_id", basicApp.id(), "client_secret", basicApp.secret());
        assertTrue(json(oauth.post("/oauth/introspect", null, form(byPost))).get("active").asBoolean());
        HttpResponse<String> revoked = oauth.post("/oauth/revoke", null, form(byPost));
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(json(oauth.post("/oauth/introspect", null, form(byPost))).get("active").asBoolean());
    }

    @Test
    void confidentialAppWithoutASecretThenInvalidClient() {
        var issued = tokens.issue(ada, postApp, SCOPES);
        HttpResponse<String> res = oauth.token(null, params("grant_type", "refresh_token",
                "refresh_token", issued.refreshToken().orElseThrow(), "client_id", postApp.id()));
        assertInvalidClient(res, false);
        HttpResponse<String> introspect = oauth.post("/oauth2/introspect", null,
                form(params("token", issued.accessToken(), "client_id", basicApp.id())));
        assertInvalidClient(introspect, false);
        assertEquals(200, refreshByPost(postApp, postApp.secret(), issued.refreshToken().orElseThrow()).statusCode(),
                "the refused attempts spent nothing");
    }

    @Test
    void wrongSecretEitherWayThenInvalidClientWithBasicChallengeOnlyForBasic() {
        var issued = tokens.issue(ada, postApp, SCOPES);
        String refresh = issued.refreshToken().orElseThrow();
        assertInvalidClient(refreshByBasic(postApp, postApp.secret() + "x", refresh), true);
        assertInvalidClient(refreshByPost(postApp, postApp.secret() + "x", refresh), false);
        assertInvalidClient(refreshByBasic(basicApp, basicApp.secret() + "x", refresh), true);
        assertInvalidClient(refreshByPost(basicApp, basicApp.secret() + "x", refresh), false);
        assertInvalidClient(refreshByBasic(postApp, basicApp.secret(), refresh), true);
        assertEquals(200, refreshByPost(postApp, postApp.secret(), refresh).statusCode(), "still unspent");
    }

    @Test
    void bothMethodsAtOnceThenInvalidClient() {
        var issued = tokens.issue(ada, postApp, SCOPES);
        HttpResponse<String> res = oauth.token(basic(postApp.id(), postApp.secret()), params("grant_type", "refresh_token",
                "refresh_token", issued.refreshToken().orElseThrow(), "client_id", postApp.id(), "client_secret", postApp.secret()));
        assertInvalidClient(res, true);
        assertTrue(res.body().contains("one client authentication method"));
    }

    static void assertInvalidClient(HttpResponse<String> res, boolean basicChallenge) {
        assertEquals(401, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals(401, body.get("status_code").asInt());
        assertEquals("invalid_client", body.get("code").asText());
        assertEquals(basicChallenge, res.headers().firstValue("WWW-Authenticate").filter(h -> h.startsWith("Basic")).isPresent(),
                res.headers().toString());
        assertFalse(res.body().contains(postApp.secret()) || res.body().contains(basicApp.secret()), "no secret in an error");
    }
}

package dev.portcullis.events;

import static dev.portcullis.events.OAuthEventFixtures.about;
import static dev.portcullis.events.OAuthEventFixtures.assertActor;
import static dev.portcullis.events.OAuthEventFixtures.assertNoEventContains;
import static dev.portcullis.events.OAuthEventFixtures.assertTarget;
import static dev.portcullis.events.OAuthEventFixtures.by;
import static dev.portcullis.events.OAuthEventFixtures.theOne;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.GrantSuite;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.UserTokens;
import dev.portcullis.token.SqlTokenRepository;
import dev.portcullis.token.TokenRepository;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The token endpoint's audit events over real HTTP: one token.issued per token response, the
 * reuse events committed although the request fails, token.revoked at RFC 7009 revocation, and
 * never a token or secret in any stored event.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TokenEventsHttpTest extends GrantSuite {
    static final String REDIRECT = "https://client.example/cb";
    static final String VERIFIER = "v".repeat(43);
    static final SecureRandom RANDOM = new SecureRandom();

    record Coded(UserTokens.Member member, UserTokens.Client client, String code) {}

    /** A code as /authorize would have stored it for a fresh member and app. */
    static Coded code() {
        var member = users.member("Ada");
        var client = users.app("task:read", "offline_access");
        var connection = users.issue(member, client, "task:read", "offline_access").connection();
        Token code = Token.mint(TokenKind.AUTHORIZATION_CODE, RANDOM);
        Instant now = server.portcullis().core().clock().instant();
        var row = new TokenRepository.Code(code.hash(), client.id(), connection.id(), REDIRECT, List.of("task:read", "offline_access"),
                Optional.of(Pkce.s256(VERIFIER)), Optional.empty(), Optional.empty(), now, now, now.plusSeconds(60));
        server.portcullis().database().inTransaction(tx -> {
            new SqlTokenRepository().insertCode(tx, row);
            return null;
        });
        return new Coded(member, client, code.value());
    }

    static HttpResponse<String> exchange(Coded c) {
        return oauth.token(basic(c.client().id(), c.client().secret()),
                params("grant_type", "authorization_code", "code", c.code(), "redirect_uri", REDIRECT, "code_verifier", VERIFIER));
    }

    static HttpResponse<String> refresh(UserTokens.Client client, String refreshToken) {
        return oauth.token(basic(client.id(), client.secret()), params("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    static String hashPrefix(String opaqueToken) {
        return SecretHash.of(opaqueToken).hex().substring(0, 16);
    }

    static void assertIssued(Event e, UserTokens.Client client, String grantType, String workspaceId, List<String> scopes) {
        assertEquals(EventType.TOKEN_ISSUED, e.type());
        assertActor(e, Actor.Kind.CLIENT, client.id());
        assertEquals(Optional.of("127.0.0.1"), e.actor().address());
        assertTrue(e.actor().userAgent().orElseThrow().startsWith("Java-http-client"), e.toString());
        assertEquals(Optional.ofNullable(workspaceId), e.workspaceId());
        assertEquals(grantType, e.data().get("grant_type"));
        assertEquals(client.id(), e.data().get("client_id"));
        assertEquals(scopes, e.data().get("scopes"));
    }

    @Test
    void codeExchangeThenOneTokenIssuedInTheWorkspaceAboutTheNewGrantAndNoTokenInAnyEvent() {
        Coded c = code();
        HttpResponse<String> res = exchange(c);
        assertEquals(200, res.statusCode(), res.body());
        JsonNode tokens = OAuthClient.json(res);
        List<Event> issued = by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id());
        assertEquals(1, issued.size(), issued.toString());
        Event e = issued.getFirst();
        assertIssued(e, c.client(), "authorization_code", c.member().workspace().id(), List.of("task:read", "offline_access"));
        String grantId = (String) e.data().get("grant_id");
        assertTarget(e, "grant", grantId);
        assertEquals(hashPrefix(tokens.get("access_token").asText()), e.data().get("access_token_hash_prefix"));
        assertNoEventContains(server.portcullis(), tokens.get("access_token").asText(), tokens.get("refresh_token").asText(),
                c.code(), c.client().secret());
    }

    @Test
    void refreshThenTokenIssuedForTheSameGrantAndWorkspace() {
        Coded c = code();
        JsonNode first = OAuthClient.json(exchange(c));
        HttpResponse<String> res = refresh(c.client(), first.get("refresh_token").asText());
        assertEquals(200, res.statusCode(), res.body());
        List<Event> issued = by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id());
        assertEquals(2, issued.size(), issued.toString());
        Event e = issued.getFirst();
        assertIssued(e, c.client(), "refresh_token", c.member().workspace().id(), List.of("task:read", "offline_access"));
        assertEquals(issued.get(1).data().get("grant_id"), e.data().get("grant_id"), "the same family");
        JsonNode second = OAuthClient.json(res);
        assertNoEventContains(server.portcullis(), second.get("access_token").asText(), second.get("refresh_token").asText(),
                first.get("refresh_token").asText());
    }

    @Test
    void codeReusedThenInvalidGrantAndTheReuseEventWithTheFamilyRevokedIsKept() {
        Coded c = code();
        assertEquals(200, exchange(c).statusCode());
        String grantId = (String) by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id()).getFirst().data().get("grant_id");

        HttpResponse<String> again = exchange(c);
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", OAuthClient.json(again).get("error").asText());
        Event e = theOne(server.portcullis(), EventType.CODE_REUSED, grantId);
        assertActor(e, Actor.Kind.CLIENT, c.client().id());
        assertTarget(e, "grant", grantId);
        assertEquals(true, e.data().get("family_revoked"));
        assertEquals(c.client().id(), e.data().get("client_id"));
        assertEquals(1, by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id()).size(), "the failed request issued nothing");
        long alive = server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM grants WHERE id = ?", grantId));
        assertEquals(0, alive, "the family's revocation committed with its event");
    }

    @Test
    void refreshTokenReusedThenInvalidGrantAndTheReuseEventWithTheFamilyRevokedIsKept() {
        Coded c = code();
        JsonNode first = OAuthClient.json(exchange(c));
        String original = first.get("refresh_token").asText();
        assertEquals(200, refresh(c.client(), original).statusCode());
        String grantId = (String) by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id()).getFirst().data().get("grant_id");

        HttpResponse<String> reused = refresh(c.client(), original);
        assertEquals(400, reused.statusCode());
        assertEquals("invalid_grant", OAuthClient.json(reused).get("error").asText());
        Event e = theOne(server.portcullis(), EventType.REFRESH_REUSE_DETECTED, grantId);
        assertActor(e, Actor.Kind.CLIENT, c.client().id());
        assertEquals(true, e.data().get("family_revoked"));
        assertEquals(2, by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id()).size(), "the failed request issued nothing");
        long alive = server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM grants WHERE id = ?", grantId));
        assertEquals(0, alive, "the family's revocation committed with its event");
        assertNoEventContains(server.portcullis(), original);
    }

    @Test
    void clientCredentialsThenTokenIssuedAboutTheAppWithoutWorkspace() {
        var client = users.app("task:read");
        HttpResponse<String> res = oauth.token(basic(client.id(), client.secret()), params("grant_type", "client_credentials"));
        assertEquals(200, res.statusCode(), res.body());
        Event e = theOne(server.portcullis(), EventType.TOKEN_ISSUED, client.id());
        assertIssued(e, client, "client_credentials", null, List.of("task:read"));
        assertTarget(e, "app", client.id());
        String token = OAuthClient.json(res).get("access_token").asText();
        assertEquals(hashPrefix(token), e.data().get("access_token_hash_prefix"));
        assertNoEventContains(server.portcullis(), token, client.secret());
    }

    @Test
    void failedTokenRequestsRecordNoTokenIssued() {
        var client = users.app("task:read");
        var bad = oauth.token(basic(client.id(), client.secret()), params("grant_type", "client_credentials", "scope", "admin"));
        assertEquals(400, bad.statusCode());
        var wrongSecret = oauth.token(basic(client.id(), "not-the-secret"), params("grant_type", "client_credentials"));
        assertEquals(401, wrongSecret.statusCode());
        Coded c = code();
        var wrongVerifier = oauth.token(basic(c.client().id(), c.client().secret()), params("grant_type", "authorization_code",
                "code", c.code(), "redirect_uri", REDIRECT, "code_verifier", "w".repeat(43)));
        assertEquals(400, wrongVerifier.statusCode());
        assertEquals(List.of(), about(server.portcullis(), EventType.TOKEN_ISSUED, client.id()));
        assertEquals(List.of(), by(server.portcullis(), EventType.TOKEN_ISSUED, client.id()));
        assertEquals(List.of(), by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id()));
    }

    @Test
    void revocationThenTokenRevokedByTheClientInTheWorkspaceAndNothingWhenNothingWasRevoked() {
        Coded c = code();
        JsonNode tokens = OAuthClient.json(exchange(c));
        String access = tokens.get("access_token").asText();
        var res = oauth.post("/oauth2/revoke", basic(c.client().id(), c.client().secret()), OAuthClient.form(params("token", access)));
        assertEquals(200, res.statusCode(), res.body());
        Event e = theOne(server.portcullis(), EventType.TOKEN_REVOKED, hashPrefix(access));
        assertActor(e, Actor.Kind.CLIENT, c.client().id());
        assertEquals(Optional.of(c.member().workspace().id()), e.workspaceId());
        assertTarget(e, "token", hashPrefix(access));
        assertEquals("access_token", e.data().get("token_type"));
        assertEquals(by(server.portcullis(), EventType.TOKEN_ISSUED, c.client().id()).getFirst().data().get("grant_id"),
                e.data().get("grant_id"));

        var again = oauth.post("/oauth2/revoke", basic(c.client().id(), c.client().secret()), OAuthClient.form(params("token", access)));
        assertEquals(200, again.statusCode());
        assertEquals(1, by(server.portcullis(), EventType.TOKEN_REVOKED, c.client().id()).size(), "an already dead token: no event");
        assertNoEventContains(server.portcullis(), access, tokens.get("refresh_token").asText());
    }
}

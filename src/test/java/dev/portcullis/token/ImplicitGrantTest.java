package dev.portcullis.token;

import dev.portcullis.support.GrantSuite;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.events.Actor;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.UserTokens;
import dev.portcullis.userinfo.ClaimsRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The implicit answer on its own (OIDC Core §3.2.2.5), as the authorization endpoint drafts it
 * inside its approving transaction and signs it after: an ID token, with {@code id_token token}
 * an access token of a new grant bound by {@code at_hash}, never a refresh token, and nothing
 * stored when the transaction rolls back. The browser side is in authorize/ImplicitFlowTest.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ImplicitGrantTest extends GrantSuite {
    static final String MCP = "https://mcp.example.com/mcp";
    static final List<String> SCOPES = List.of("openid", "profile", "task:read");

    static ImplicitGrant implicit;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        var core = server.portcullis().core();
        String issuer = core.config().server().issuer().toString();
        TokenRepository tokens = new SqlTokenRepository();
        var issuerOfTokens = new TokenIssuer(tokens, new SqlConnectionRepository(), core.random(), core.config().tokens(), core.keys(),
                core.config().server().issuer(), new TokenEvents(core.events()));
        implicit = new ImplicitGrant(tokens, issuerOfTokens,
                new SignedIdTokens(core.keys(), core.identity(), new SqlConnectionRepository(), issuer), core.ids());
        core.resources().save(MCP, "Acme MCP server", List.of("task:read"));
    }

    /** A member who has just approved the client: the connection the answer is drafted for. */
    record Approved(UserTokens.Member member, UserTokens.Client client, Connection connection) {}

    static Approved approved() {
        var member = users.member("Ada Lovelace");
        var client = users.app("openid", "profile", "task:read");
        var core = server.portcullis().core();
        var access = core.identity().access(member.user().id(), member.workspace().id()).orElseThrow();
        Connection connection = core.database().inTransaction(tx ->
                users.connections().approve(tx, member.user().id(), client.id(), access, SCOPES));
        return new Approved(member, client, connection);
    }

    static IdTokens.Context context(Approved a, boolean withAccessToken) {
        return new IdTokens.Context(a.member().user().id(), a.client().app(), SCOPES, Optional.of("n-0S6"), Instant.now(),
                ClaimsRequest.NONE, Optional.empty(), withAccessToken);
    }

    static Map<String, String> answer(Approved a, boolean withAccessToken, Optional<String> resource) {
        Instant now = server.portcullis().core().clock().instant();
        var draft = server.portcullis().database().inTransaction(tx ->
                implicit.draft(tx, Actor.system(), context(a, withAccessToken), a.connection(), resource, now));
        return implicit.sign(draft);
    }

    static JWTClaimsSet verified(String jwt) {
        return server.portcullis().core().keys().verify(jwt).orElseThrow();
    }

    static JsonNode introspect(UserTokens.Client client, String token) {
        return OAuthClient.json(oauth.post("/oauth2/introspect", basic(client.id(), client.secret()),
                OAuthClient.form(params("token", token))));
    }

    static long count(String sql, Object... args) {
        return server.portcullis().database().read(tx -> tx.count(sql, args));
    }

    /** OIDC Core §3.2.2.9: the left half of the SHA-256 of the access token, base64url. */
    static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    @Test
    void signWhenIdTokenTokenThenAnAccessTokenBoundByAtHashAndNoRefreshToken() throws Exception {
        Approved a = approved();
        Map<String, String> params = answer(a, true, Optional.empty());
        assertEquals(List.of("access_token", "token_type", "expires_in", "scope", "id_token"), List.copyOf(params.keySet()));
        assertEquals("Bearer", params.get("token_type"));
        assertEquals("3600", params.get("expires_in"));
        assertEquals("openid profile task:read", params.get("scope"));
        JWTClaimsSet id = verified(params.get("id_token"));
        assertEquals(atHash(params.get("access_token")), id.getStringClaim("at_hash"));
        assertEquals(a.member().user().id(), id.getSubject());
        assertEquals(List.of(a.client().id()), id.getAudience());
        assertEquals("n-0S6", id.getStringClaim("nonce"));
        assertFalse(id.getClaims().containsKey("name"), "with an access token the profile claims go to UserInfo (§5.4)");
    }

    @Test
    void draftWhenIdTokenTokenThenANewGrantOnTheConnectionAndItsTokenIntrospectsActive() {
        Approved a = approved();
        String token = answer(a, true, Optional.empty()).get("access_token");
        assertEquals(1L, count("SELECT count(*) AS n FROM grants WHERE connection_id = ?", a.connection().id()));
        assertEquals(0L, count("SELECT count(*) AS n FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id "
                + "WHERE g.connection_id = ?", a.connection().id()), "the front channel never gets a refresh token");
        JsonNode body = introspect(a.client(), token);
        assertTrue(body.get("active").asBoolean(), body.toString());
        assertEquals(a.client().id(), body.get("client_id").asText());
        assertEquals("openid profile task:read", body.get("scope").asText());
        assertEquals(a.member().workspace().id(), body.get("workspace_id").asText());
        assertEquals(a.member().memberId(), body.get("authorized_by_workspace_member_id").asText());
        assertEquals(a.member().user().id(), body.get("sub").asText());
    }

    @Test
    void signWhenIdTokenAloneThenNoGrantNoAccessTokenAndTheProfileClaimsInTheIdToken() throws Exception {
        Approved a = approved();
        Map<String, String> params = answer(a, false, Optional.empty());
        assertEquals(List.of("id_token"), List.copyOf(params.keySet()));
        JWTClaimsSet id = verified(params.get("id_token"));
        assertFalse(id.getClaims().containsKey("at_hash"));
        assertEquals("Ada Lovelace", id.getStringClaim("name"), "no UserInfo call follows, so the claims come in the ID token");
        assertEquals(0L, count("SELECT count(*) AS n FROM grants WHERE connection_id = ?", a.connection().id()));
        assertEquals(0L, count("SELECT count(*) AS n FROM access_tokens WHERE app_id = ?", a.client().id()));
    }

    @Test
    void draftWhenAResourceIsNamedThenTheAccessTokensAudienceIsThatResource() {
        Approved a = approved();
        String token = answer(a, true, Optional.of(MCP)).get("access_token");
        assertEquals(MCP, introspect(a.client(), token).get("aud").asText());
    }

    @Test
    void revokingTheConnectionThenTheImplicitAccessTokenIsInactive() {
        Approved a = approved();
        String token = answer(a, true, Optional.empty()).get("access_token");
        assertTrue(introspect(a.client(), token).get("active").asBoolean());
        users.connections().revoke(Actor.system(), a.member().user().id(), a.connection().id());
        assertFalse(introspect(a.client(), token).get("active").asBoolean(), "it belongs to a grant like any other");
    }

    @Test
    void draftWhenTheApprovingTransactionRollsBackThenNothingIsStored() {
        Approved a = approved();
        Instant now = server.portcullis().core().clock().instant();
        assertThrows(IllegalStateException.class, () -> server.portcullis().database().inTransaction(tx -> {
            implicit.draft(tx, Actor.system(), context(a, true), a.connection(), Optional.empty(), now);
            throw new IllegalStateException("the authorization request was answered meanwhile");
        }));
        assertEquals(0L, count("SELECT count(*) AS n FROM grants WHERE connection_id = ?", a.connection().id()));
        assertEquals(0L, count("SELECT count(*) AS n FROM access_tokens WHERE app_id = ?", a.client().id()));
    }
}

package dev.portcullis.token;

import dev.portcullis.events.Actor;
import dev.portcullis.support.GrantSuite;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The refresh_token grant on its own (RFC 6749 §6, RFC 9700 §4.14.2): rotation on every use, a
 * reused token kills its family, scope only narrows, and a token answers only its own client.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RefreshTokenGrantTest extends GrantSuite {

    record Family(UserTokens.Client client, UserTokens.Issued issued) {
        String refresh() {
            return issued.refreshToken().orElseThrow();
        }
    }

    static Family family() {
        var client = users.app("task:read", "task:read-write", "offline_access");
        return new Family(client, users.issue(users.member("Ada"), client, "task:read", "task:read-write", "offline_access"));
    }

    static HttpResponse<String> refresh(UserTokens.Client client, String token, String... extra) {
        var body = params("grant_type", "refresh_token", "refresh_token", token);
        for (int i = 0; i + 1 < extra.length; i += 2) body.put(extra[i], extra[i + 1]);
        return oauth.token(basic(client.id(), client.secret()), body);
    }

    static boolean active(UserTokens.Client client, String token) {
        var res = oauth.post("/oauth2/introspect", basic(client.id(), client.secret()), OAuthClient.form(params("token", token)));
        return OAuthClient.json(res).get("active").asBoolean();
    }

    @Test
    void refreshWhenValidThenRotatedAndTheOldOneIsUsedUp() {
        Family f = family();
        HttpResponse<String> res = refresh(f.client(), f.refresh());
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = OAuthClient.json(res);
        assertNotEquals(f.refresh(), body.get("refresh_token").asText(), "a new refresh token every time");
        assertEquals("task:read task:read-write offline_access", body.get("scope").asText());
        assertTrue(active(f.client(), body.get("access_token").asText()));
        assertFalse(active(f.client(), f.refresh()), "the presented token is spent");
    }

    @Test
    void refreshWhenReusedThenInvalidGrantAndTheWholeFamilyRevoked() {
        Family f = family();
        JsonNode rotated = OAuthClient.json(refresh(f.client(), f.refresh()));
        HttpResponse<String> replay = refresh(f.client(), f.refresh());
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", OAuthClient.json(replay).get("error").asText());
        server.portcullis().credentials().changed();
        assertFalse(active(f.client(), rotated.get("refresh_token").asText()), "the thief's copy and the owner's die together");
        assertFalse(active(f.client(), rotated.get("access_token").asText()));
        assertFalse(active(f.client(), f.issued().accessToken()));
    }

    @Test
    void refreshWhenNarrowerScopeThenGrantedAndWhenWiderThenInvalidScopeWithTheTokenKept() {
        Family f = family();
        HttpResponse<String> wider = refresh(f.client(), f.refresh(), "scope", "task:read webhook:read");
        assertEquals(400, wider.statusCode());
        assertEquals("invalid_scope", OAuthClient.json(wider).get("error").asText());
        HttpResponse<String> narrower = refresh(f.client(), f.refresh(), "scope", "task:read");
        assertEquals(200, narrower.statusCode(), "a refused scope did not cost the client its token: " + narrower.body());
        assertEquals("task:read", OAuthClient.json(narrower).get("scope").asText());
    }

    @Test
    void refreshWhenPresentedByAnotherClientThenInvalidGrantAndTheOwnersTokenStillWorks() {
        Family f = family();
        var other = users.app("task:read", "offline_access");
        HttpResponse<String> stolen = refresh(other, f.refresh());
        assertEquals(400, stolen.statusCode());
        assertEquals("invalid_grant", OAuthClient.json(stolen).get("error").asText());
        assertEquals(200, refresh(f.client(), f.refresh()).statusCode(), "the owner is not punished for the attempt");
    }

    @Test
    void refreshWhenTheConnectionIsRevokedThenInvalidGrant() {
        Family f = family();
        users.connections().revoke(Actor.system(), f.issued().connection().userId(), f.issued().connection().id());
        HttpResponse<String> res = refresh(f.client(), f.refresh());
        assertEquals(400, res.statusCode());
        assertEquals("invalid_grant", OAuthClient.json(res).get("error").asText());
    }
}

package dev.portcullis.token;

import dev.portcullis.support.GrantSuite;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The authorization_code grant on its own (RFC 6749 §4.1.3, RFC 7636 §4.6), with codes stored as
 * the authorization endpoint stores them: single use, bound to client, redirect URI and verifier.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AuthorizationCodeGrantTest extends GrantSuite {
    static final String REDIRECT = "https://client.example/cb";
    static final String VERIFIER = "v".repeat(43);

    static final SecureRandom RANDOM = new SecureRandom();

    /** A code as /authorize would have issued it, with a PKCE challenge, living {@code ttl} from now. */
    static String code(UserTokens.Client client, Duration ttl) {
        var connection = users.issue(users.member("Ada"), client, "task:read", "offline_access").connection();
        Token code = Token.mint(TokenKind.AUTHORIZATION_CODE, RANDOM);
        Instant now = server.portcullis().core().clock().instant();
        var row = new TokenRepository.Code(code.hash(), client.id(), connection.id(), REDIRECT, List.of("task:read", "offline_access"),
                Optional.of(Pkce.s256(VERIFIER)), Optional.empty(), Optional.empty(), now, now, now.plus(ttl));
        server.portcullis().database().inTransaction(tx -> {
            new SqlTokenRepository().insertCode(tx, row);
            return null;
        });
        return code.value();
    }

    static HttpResponse<String> exchange(UserTokens.Client client, String code, String redirect, String verifier) {
        var body = params("grant_type", "authorization_code", "code", code, "redirect_uri", redirect);
        if (verifier != null) body.put("code_verifier", verifier);
        return oauth.token(basic(client.id(), client.secret()), body);
    }

    static void assertInvalidGrant(HttpResponse<String> res) {
        assertEquals(400, res.statusCode(), res.body());
        assertEquals("invalid_grant", OAuthClient.json(res).get("error").asText());
    }

    static boolean active(UserTokens.Client client, String token) {
        var res = oauth.post("/oauth2/introspect", basic(client.id(), client.secret()), OAuthClient.form(params("token", token)));
        return OAuthClient.json(res).get("active").asBoolean();
    }

    @Test
    void exchangeWhenEverythingMatchesThenTokensAndWhenReusedThenInvalidGrantAndThoseTokensRevoked() {
        var client = users.app("task:read", "offline_access");
        String code = code(client, Duration.ofSeconds(60));
        HttpResponse<String> first = exchange(client, code, REDIRECT, VERIFIER);
        assertEquals(200, first.statusCode(), first.body());
        JsonNode tokens = OAuthClient.json(first);
        assertTrue(active(client, tokens.get("access_token").asText()));

        assertInvalidGrant(exchange(client, code, REDIRECT, VERIFIER));
        server.portcullis().credentials().changed();
        assertFalse(active(client, tokens.get("access_token").asText()), "RFC 6749 §4.1.2: the replayed code's tokens die");
        assertFalse(active(client, tokens.get("refresh_token").asText()));
    }

    @Test
    void exchangeWhenTheVerifierIsWrongOrMissingThenInvalidGrant() {
        var client = users.app("task:read", "offline_access");
        assertInvalidGrant(exchange(client, code(client, Duration.ofSeconds(60)), REDIRECT, "w".repeat(43)));
        assertInvalidGrant(exchange(client, code(client, Duration.ofSeconds(60)), REDIRECT, null));
    }

    @Test
    void exchangeWhenTheRedirectUriDiffersThenInvalidGrant() {
        var client = users.app("task:read", "offline_access");
        assertInvalidGrant(exchange(client, code(client, Duration.ofSeconds(60)), REDIRECT + "/other", VERIFIER));
    }

    @Test
    void exchangeWhenTheCodeIsAnotherClientsThenInvalidGrantAndItsOwnerCanStillUseIt() {
        var owner = users.app("task:read", "offline_access");
        var thief = users.app("task:read", "offline_access");
        String code = code(owner, Duration.ofSeconds(60));
        assertInvalidGrant(exchange(thief, code, REDIRECT, VERIFIER));
        assertEquals(200, exchange(owner, code, REDIRECT, VERIFIER).statusCode());
    }

    @Test
    void exchangeWhenTheCodeHasExpiredThenInvalidGrant() {
        var client = users.app("task:read", "offline_access");
        assertInvalidGrant(exchange(client, code(client, Duration.ofSeconds(-1)), REDIRECT, VERIFIER));
    }
}

package dev.portcullis.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import dev.portcullis.userinfo.ClaimsRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ID token API as the implicit flow uses it, without a code: the scopes' claims go into an ID
 * token issued without an access token (OIDC Core §5.4), and such a token has no at_hash.
 */
class IdTokensTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void idTokenWithoutAccessTokenCarriesTheScopeClaimsAndNoAtHash(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            var core = server.portcullis().core();
            var users = new UserTokens(server.portcullis());
            var ada = users.member("Ada Lovelace");
            var app = users.app("openid", "profile", "email");
            IdTokens idTokens = new SignedIdTokens(core.keys(), core.identity(), new SqlConnectionRepository(),
                    core.config().server().issuer().toString());
            Instant now = Instant.now();
            var alone = new IdTokens.Context(ada.user().id(), app.app(), List.of("openid", "profile", "email"), Optional.of("n-1"),
                    now, ClaimsRequest.NONE, Optional.of("1"), false);

            String signed = core.database().read(tx -> idTokens.sign(idTokens.claims(tx, alone, now)));
            JWTClaimsSet claims = verified(server, signed);
            assertEquals("Ada Lovelace", claims.getStringClaim("name"));
            assertEquals(ada.user().email(), claims.getStringClaim("email"));
            assertEquals("n-1", claims.getStringClaim("nonce"));
            assertEquals("1", claims.getStringClaim("acr"));
            assertFalse(claims.getClaims().containsKey("at_hash"));

            var withToken = new IdTokens.Context(ada.user().id(), app.app(), List.of("openid", "profile", "email"), Optional.empty(),
                    now, ClaimsRequest.NONE, Optional.empty(), true);
            JWTClaimsSet bound = verified(server, core.database().read(tx -> idTokens.sign(idTokens.claims(tx, withToken, now), "pc_at_x")));
            assertTrue(bound.getClaims().containsKey("at_hash"));
            assertFalse(bound.getClaims().containsKey("name") || bound.getClaims().containsKey("acr") || bound.getClaims().containsKey("nonce"));
            assertEquals(ada.user().id(), bound.getSubject());
        }
    }

    private static JWTClaimsSet verified(TestServer server, String jwt) throws Exception {
        assertEquals("JWT", SignedJWT.parse(jwt).getHeader().getType().getType());
        return server.portcullis().core().keys().verify(jwt).orElseThrow();
    }
}

package dev.portcullis.examples.springapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** JWT mode: RFC 9068 access tokens are verified locally against the issuer's JWKS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtAccessTokenTest {
    static final PortcullisStandIn PORTCULLIS = new PortcullisStandIn();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring-api.issuer", PORTCULLIS::issuer);
        registry.add("spring-api.token-check", () -> "jwt");
    }

    @AfterAll
    static void stop() {
        PORTCULLIS.close();
    }

    private Api api() {
        return new Api(port);
    }

    @Test
    void accessTokenWithTypAtJwtAndTheScopeThenTasks() {
        var res = api().get("/tasks", PORTCULLIS.accessToken("task:read", c -> c));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Ship it"), res.body());
    }

    @Test
    void mediaTypeFormApplicationAtJwtIsAcceptedToo() {
        String token = PORTCULLIS.sign(new JOSEObjectType("application/at+jwt"), PORTCULLIS.accessClaims("task:read").build());
        assertEquals(200, api().get("/tasks", token).statusCode());
    }

    @Test
    void meNamesTheSubjectAndTheWorkspace() {
        var res = api().get("/me", PORTCULLIS.accessToken("task:read note:read", c -> c));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("{\"name\":\"user-1\",\"workspace_id\":\"ws-1\",\"client_id\":\"taskr\","
                + "\"scopes\":[\"note:read\",\"task:read\"]}", res.body());
    }

    @Test
    void idTokenPresentedAsAccessTokenThenUnauthorized() {
        assertUnauthorized(PORTCULLIS.idToken());
    }

    @Test
    void typJwtThenUnauthorizedEvenWithTheRightAudienceAndScope() {
        assertUnauthorized(PORTCULLIS.sign(JOSEObjectType.JWT, PORTCULLIS.accessClaims("task:read").build()));
    }

    @Test
    void noTypThenUnauthorized() {
        assertUnauthorized(PORTCULLIS.sign(null, PORTCULLIS.accessClaims("task:read").build()));
    }

    @Test
    void tokenForAnotherResourceThenUnauthorized() {
        assertUnauthorized(PORTCULLIS.accessToken("task:read", c -> c.audience("https://mcp.example.com/mcp")));
    }

    @Test
    void expiredTokenThenUnauthorized() {
        Instant past = Instant.now().minusSeconds(600);
        assertUnauthorized(PORTCULLIS.accessToken("task:read",
                c -> c.issueTime(Date.from(past.minusSeconds(3600))).expirationTime(Date.from(past))));
    }

    @Test
    void tokenWithoutExpiryThenUnauthorized() {
        assertUnauthorized(PORTCULLIS.accessToken("task:read", c -> c.expirationTime(null)));
    }

    @Test
    void tokenOfAnotherIssuerThenUnauthorized() {
        assertUnauthorized(PORTCULLIS.accessToken("task:read", c -> c.issuer("https://evil.example.com")));
    }

    @Test
    void tokenSignedByAKeyNotInTheJwksThenUnauthorized() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertUnauthorized(PortcullisStandIn.sign(stranger, new JOSEObjectType("at+jwt"), PORTCULLIS.accessClaims("task:read").build()));
    }

    @Test
    void tokenWithoutTheScopeThenForbiddenNamingIt() {
        var res = api().get("/tasks", PORTCULLIS.accessToken("note:read", c -> c));
        assertEquals(403, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"), res.headers().toString());
    }

    @Test
    void noTokenThenUnauthorizedAndHealthStillAnswers() {
        var res = api().get("/tasks", null);
        assertEquals(401, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(200, api().get("/healthz", null).statusCode());
    }

    /** Why AccessTokenDecoder replaces Spring's validators: they refuse the typ RFC 9068 requires. */
    @Test
    void springDefaultValidatorsRefuseAtJwt() {
        var defaults = NimbusJwtDecoder.withJwkSetUri(PORTCULLIS.issuer() + "/oauth2/jwks").build();
        defaults.setJwtValidator(JwtValidators.createDefaultWithIssuer(PORTCULLIS.issuer()));
        var e = assertThrows(JwtValidationException.class, () -> defaults.decode(PORTCULLIS.accessToken("task:read", c -> c)));
        assertTrue(e.getMessage().contains("typ"), e.getMessage());
    }

    @Test
    void garbageTokenThenUnauthorized() {
        assertUnauthorized("not-a-token");
    }

    private void assertUnauthorized(String token) {
        var res = api().get("/tasks", token);
        assertEquals(401, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"), res.headers().toString());
        assertEquals(401, api().get("/me", token).statusCode());
    }
}

package dev.portcullis.examples.springapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Introspection mode: every token is sent to Portcullis's RFC 7662 endpoint, as a resource-server app. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntrospectionTest {
    static final PortcullisStandIn PORTCULLIS = new PortcullisStandIn();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring-api.issuer", PORTCULLIS::issuer);
        registry.add("spring-api.token-check", () -> "introspection");
        registry.add("spring-api.client-id", () -> PortcullisStandIn.CLIENT_ID);
        registry.add("spring-api.client-secret", () -> PortcullisStandIn.CLIENT_SECRET);
    }

    @AfterAll
    static void stop() {
        PORTCULLIS.close();
    }

    /** An active answer in Portcullis's shape. */
    private static String active(String scope, String exp) {
        long now = Instant.now().getEpochSecond();
        return "{\"active\":true,\"scope\":\"" + scope + "\",\"client_id\":\"taskr\",\"token_type\":\"Bearer\","
                + "\"exp\":" + exp + ",\"iat\":" + now + ",\"sub\":\"ws-1\",\"aud\":\"taskr\",\"iss\":\"" + PORTCULLIS.issuer()
                + "\",\"authorized_by_workspace_member_id\":\"m-1\",\"workspace_id\":\"ws-1\",\"workspace_name\":\"Acme\","
                + "\"workspace_slug\":\"acme\"}";
    }

    private static String inAnHour() {
        return Long.toString(Instant.now().getEpochSecond() + 3600);
    }

    @Test
    void activeTokenWithTheScopeThenTasksAndTheTokenWasSentAuthenticated() {
        PORTCULLIS.answer("pc_at_active", active("task:read", inAnHour()));
        var res = new Api(port).get("/tasks", "pc_at_active");
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(PORTCULLIS.introspectionRequests.contains("token=pc_at_active"), PORTCULLIS.introspectionRequests.toString());
    }

    @Test
    void meNamesTheWorkspaceFromTheAnswer() {
        PORTCULLIS.answer("pc_at_me", active("task:read note:read", inAnHour()));
        var res = new Api(port).get("/me", "pc_at_me");
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("\"workspace_id\":\"ws-1\""), res.body());
        assertTrue(res.body().contains("\"scopes\":[\"note:read\",\"task:read\"]"), res.body());
    }

    @Test
    void neverExpiringTokenWithNullExpThenAccepted() {
        PORTCULLIS.answer("pc_at_forever", active("task:read", "null"));
        assertEquals(200, new Api(port).get("/tasks", "pc_at_forever").statusCode());
    }

    @Test
    void activeTokenWithoutTheScopeThenForbidden() {
        PORTCULLIS.answer("pc_at_notes", active("note:read", inAnHour()));
        var res = new Api(port).get("/tasks", "pc_at_notes");
        assertEquals(403, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
    }

    @Test
    void inactiveTokenThenUnauthorized() {
        var res = new Api(port).get("/tasks", "pc_at_revoked");
        assertEquals(401, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }
}

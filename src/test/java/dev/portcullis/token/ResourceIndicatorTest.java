package dev.portcullis.token;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 8707: a token names its resource, and a token for resource A is refused by resource B. */
@ParameterizedClass
@EnumSource(Db.class)
class ResourceIndicatorTest {
    static final String MCP = "https://mcp.example.com/mcp";

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static String auth;
    static String api;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        server.portcullis().core().resources().save(MCP, "Acme MCP server", List.of("object_configuration:read"));
        var base = AppSettings.defaults("Agent", AuthMethod.CLIENT_SECRET_BASIC).withScopes(List.of("object_configuration:read"));
        var settings = new AppSettings(base.name(), "", Optional.empty(), true, AuthMethod.CLIENT_SECRET_BASIC,
                EnumSet.of(GrantType.CLIENT_CREDENTIALS), base.scopes(), List.of(), base.accessTokenFormat(),
                base.accessTokenLifetime(), "RS256", false);
        var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        auth = basic(created.app().clientId(), created.clientSecret().orElseThrow());
        api = server.portcullis().config().server().issuer() + "/v2";
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static String token(String resource) throws Exception {
        var res = oauth.token(auth, params("grant_type", "client_credentials", "resource", resource));
        assertEquals(200, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body()).get("access_token").asText();
    }

    private static int objects(String token) {
        return server.send(HttpRequest.newBuilder(server.uri("/v2/objects")).header("Authorization", "Bearer " + token).GET().build())
                .statusCode();
    }

    @Test
    void tokenForTheBuiltInApiWorksThere() throws Exception {
        assertEquals(200, objects(token(api)));
    }

    @Test
    void tokenForAnotherResourceIsRefusedByTheBuiltInApi() throws Exception {
        String forMcp = token(MCP);
        assertEquals(401, objects(forMcp));
        var self = server.send(HttpRequest.newBuilder(server.uri("/v2/self")).header("Authorization", "Bearer " + forMcp).GET().build());
        assertEquals("{\"active\":false}", self.body());
    }

    @Test
    void introspectionNamesTheResourceAsAudience() throws Exception {
        String forMcp = token(MCP);
        var res = oauth.post("/oauth2/introspect", auth, OAuthClient.form(params("token", forMcp)));
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertEquals(true, body.get("active").asBoolean());
        assertEquals(MCP, body.get("aud").asText());
    }

    @Test
    void unknownResourceThenInvalidTarget() throws Exception {
        var res = oauth.token(auth, params("grant_type", "client_credentials", "resource", "https://other.example.com/api"));
        assertEquals(400, res.statusCode());
        assertEquals("invalid_target", Json.MAPPER.readTree(res.body()).get("error").asText());
    }
}

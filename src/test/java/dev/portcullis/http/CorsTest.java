package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browser clients on other origins: who may read what, checked on a real port as a browser would. */
class CorsTest {
    static final String SPA = "https://spa.example.com";
    static TestServer server;
    static String publicClient;
    static String confidentialClient;
    static String confidentialSecret;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Db.SQLITE);
        HttpResponse<String> pub = register("none");
        assertEquals(201, pub.statusCode(), pub.body());
        assertEquals("*", allowOrigin(pub).orElseThrow(), "registration is readable from any page");
        publicClient = Json.MAPPER.readTree(pub.body()).get("client_id").asText();
        HttpResponse<String> conf = register("client_secret_post");
        confidentialClient = Json.MAPPER.readTree(conf.body()).get("client_id").asText();
        confidentialSecret = Json.MAPPER.readTree(conf.body()).get("client_secret").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tokenEndpointFromThePublicClientsOwnOriginThenReadable() {
        HttpResponse<String> res = refresh(SPA, "client_id=" + publicClient);
        assertEquals(400, res.statusCode());
        assertEquals(SPA, allowOrigin(res).orElseThrow());
        assertTrue(res.headers().firstValue("Vary").orElseThrow().contains("Origin"));
        assertTrue(res.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "never with cookies");
    }

    @Test
    void aRefusalBeforeAuthenticationIsReadableByThePublicClientsOwnPageOnly() {
        HttpResponse<String> own = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", SPA).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorisation_code&client_id=" + publicClient)).build());
        assertEquals(400, own.statusCode());
        assertEquals(SPA, allowOrigin(own).orElseThrow(), "unsupported_grant_type, readable by the page that sent it");
        HttpResponse<String> other = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", "https://evil.example.com").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorisation_code&client_id=" + publicClient)).build());
        assertEquals(Optional.empty(), allowOrigin(other));
        HttpResponse<String> confidential = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", SPA).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorisation_code&client_id=" + confidentialClient)).build());
        assertEquals(Optional.empty(), allowOrigin(confidential));
    }

    @Test
    void tokenEndpointFromAnotherOriginThenNotReadable() {
        HttpResponse<String> res = refresh("https://evil.example.com", "client_id=" + publicClient);
        assertEquals(400, res.statusCode());
        assertEquals(Optional.empty(), allowOrigin(res));
    }

    @Test
    void tokenEndpointForAConfidentialClientThenNotReadableEvenFromItsOrigin() {
        HttpResponse<String> res = refresh(SPA, "client_id=" + confidentialClient + "&client_secret=" + confidentialSecret);
        assertEquals(400, res.statusCode());
        assertEquals(Optional.empty(), allowOrigin(res), "a page must never hold a client secret");
    }

    @Test
    void tokenEndpointWithAnUnknownClientThenNotReadable() {
        HttpResponse<String> res = refresh(SPA, "client_id=nobody");
        assertEquals(401, res.statusCode());
        assertEquals(Optional.empty(), allowOrigin(res));
    }

    @Test
    void preflightForRegistrationThenAllowsMethodAndRequestedHeaders() {
        HttpResponse<String> res = preflight("/oauth2/register", "POST", "content-type, mcp-protocol-version");
        assertEquals(204, res.statusCode());
        assertEquals("*", allowOrigin(res).orElseThrow());
        assertTrue(res.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
        assertEquals("content-type, mcp-protocol-version", res.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("600", res.headers().firstValue("Access-Control-Max-Age").orElseThrow());
    }

    @Test
    void preflightForTheTokenEndpointThenAllowedUntilTheClientIsKnown() {
        HttpResponse<String> res = preflight("/oauth/token", "POST", "content-type");
        assertEquals(204, res.statusCode());
        assertEquals(SPA, allowOrigin(res).orElseThrow());
        assertEquals("POST", res.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    }

    @Test
    void preflightWithAMalformedHeaderListThenNoHeadersAllowed() {
        HttpResponse<String> res = preflight("/v2/self", "GET", "authorization, bad header");
        assertEquals(204, res.statusCode());
        assertTrue(res.headers().firstValue("Access-Control-Allow-Headers").isEmpty());
    }

    @Test
    void apiErrorFromAnyOriginThenReadableWithItsChallenge() {
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(server.uri("/v2/tasks"))
                .header("Origin", "https://agent.example.net").header("Authorization", "Bearer nope").GET().build());
        assertEquals(401, res.statusCode());
        assertEquals("*", allowOrigin(res).orElseThrow());
        assertTrue(res.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("WWW-Authenticate"));
    }

    @Test
    void discoveryAndJwksFromAnyOriginThenReadable() {
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-protected-resource/v2",
                "/oauth2/jwks"}) {
            HttpResponse<String> res = get(path, "https://agent.example.net");
            assertEquals(200, res.statusCode(), path);
            assertEquals("*", allowOrigin(res).orElseThrow(), path);
        }
    }

    @Test
    void pagesManagementAndIntrospectionStaySameOrigin() {
        for (String path : new String[] {"/login", "/manage/v1/apps", "/healthz"}) {
            assertEquals(Optional.empty(), allowOrigin(get(path, SPA)), path);
        }
        HttpResponse<String> introspect = server.send(HttpRequest.newBuilder(server.uri("/oauth/introspect"))
                .header("Origin", SPA).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=x")).build());
        assertEquals(Optional.empty(), allowOrigin(introspect));
        HttpResponse<String> loginPreflight = preflight("/login", "POST", "content-type");
        assertEquals(Optional.empty(), allowOrigin(loginPreflight));
    }

    @Test
    void requestWithoutOriginThenPublicDocumentsStillSayAnyOriginForSharedCaches() {
        assertEquals("*", allowOrigin(server.get("/.well-known/openid-configuration")).orElseThrow());
        HttpResponse<String> token = server.post("/oauth2/token", "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=nope&client_id=" + publicClient);
        assertEquals(Optional.empty(), allowOrigin(token));
    }

    private static HttpResponse<String> register(String authMethod) {
        return server.send(HttpRequest.newBuilder(server.uri("/oauth2/register"))
                .header("Origin", SPA).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"client_name": "Browser agent", "redirect_uris": ["%s/callback"],
                         "token_endpoint_auth_method": "%s"}""".formatted(SPA, authMethod)))
                .build());
    }

    private static HttpResponse<String> refresh(String origin, String client) {
        return server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=nope&" + client))
                .build());
    }

    private static HttpResponse<String> preflight(String path, String method, String headers) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Origin", SPA).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> get(String path, String origin) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Origin", origin).GET().build());
    }

    private static Optional<String> allowOrigin(HttpResponse<String> res) {
        return res.headers().firstValue("Access-Control-Allow-Origin");
    }
}

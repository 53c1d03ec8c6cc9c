package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error takes the style its route declares (docs/routes.md); a request no route took, the one its path implies. */
class ErrorStyleTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unroutedStyleComesFromThePathPrefixAlone() {
        assertEquals(ErrorStyle.AUTHORIZATION_PAGE, ErrorStyle.unrouted("/authorize"));
        assertEquals(ErrorStyle.AUTHORIZATION_PAGE, ErrorStyle.unrouted("/authorize/anything"));
        assertEquals(ErrorStyle.AUTHORIZATION_PAGE, ErrorStyle.unrouted("/oauth2/authorize"));
        assertEquals(ErrorStyle.API_JSON, ErrorStyle.unrouted("/authorizeX"));
        assertEquals(ErrorStyle.OAUTH_JSON, ErrorStyle.unrouted("/oauth/anything"));
        assertEquals(ErrorStyle.OAUTH_JSON, ErrorStyle.unrouted("/oauth2/logout"));
        assertEquals(ErrorStyle.API_JSON, ErrorStyle.unrouted("/oauth2"));
        assertEquals(ErrorStyle.API_JSON, ErrorStyle.unrouted("/login"));
        assertEquals(ErrorStyle.API_JSON, ErrorStyle.unrouted(""));
    }

    @Test
    void pageRouteRefusalThenAnHtmlPageWithItsStatusAndNoChallenge() {
        Browser browser = new Browser(server);
        browser.signUp("Page", "page-style@example.com", "correct horse battery");
        Browser.Page missing = browser.get("/dashboard/apps/no-such-app");
        assertEquals(404, missing.status());
        assertTrue(missing.header("Content-Type").startsWith("text/html"), missing.header("Content-Type"));
        assertEquals("Not found", missing.doc().selectFirst("h1").text(), missing.text());
        assertEquals("", missing.header("WWW-Authenticate"));
    }

    @Test
    void logoutUnderTheOAuth2PrefixDeclaresPagesSoItsRefusalIsAPageNotOAuthJson() {
        HttpResponse<String> refused = server.get("/oauth2/logout?post_logout_redirect_uri=https://elsewhere.example/");
        assertEquals(400, refused.statusCode());
        assertTrue(contentType(refused).startsWith("text/html"), contentType(refused));
        assertTrue(refused.body().contains("post_logout_redirect_uri needs an id_token_hint"), refused.body());
        assertFalse(refused.body().contains("\"error\""), refused.body());
    }

    @Test
    void authorizationRouteBeforeTheClientIsKnownThenAPageNamingTheOAuthCode() {
        HttpResponse<String> refused = server.get("/authorize?response_type=code");
        assertEquals(401, refused.statusCode());
        assertTrue(contentType(refused).startsWith("text/html"), contentType(refused));
        assertEquals("invalid_client", page(refused).selectFirst("[data-testid=oauth-error] code").text());
        assertTrue(refused.headers().firstValue("Location").isEmpty(), "never a redirect before the redirect URI is validated");
    }

    @Test
    void oauthRouteThenRfcFieldsMergedWithTheApiFields() throws Exception {
        HttpResponse<String> refused = server.post("/oauth2/token", "application/x-www-form-urlencoded", "grant_type=bogus");
        assertEquals(400, refused.statusCode());
        assertEquals("application/json; charset=utf-8", contentType(refused));
        JsonNode body = Json.MAPPER.readTree(refused.body());
        assertEquals(Set.of("error", "error_description", "status_code", "type", "code", "message"), fields(body));
        assertEquals("unsupported_grant_type", body.get("error").asText());
        assertEquals(400, body.get("status_code").asInt());
    }

    @Test
    void apiRouteThenTheApiFieldsAndTheBearerChallenge() throws Exception {
        HttpResponse<String> refused = server.get("/v2/self");
        assertEquals(401, refused.statusCode());
        JsonNode body = Json.MAPPER.readTree(refused.body());
        assertEquals(Set.of("status_code", "type", "code", "message"), fields(body));
        assertEquals("invalid_token", body.get("code").asText());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer realm=\"portcullis\", error=\"invalid_token\"") && challenge.contains("resource_metadata="),
                challenge);
    }

    @Test
    void requestNoRouteTookThenTheStyleItsPathImplies() throws Exception {
        HttpResponse<String> authorize = server.get("/authorize/no-such-step");
        assertEquals(404, authorize.statusCode());
        assertEquals("not_found", page(authorize).selectFirst("[data-testid=oauth-error] code").text());

        HttpResponse<String> oauth = server.get("/oauth2/no-such-endpoint");
        assertEquals(404, oauth.statusCode());
        assertEquals("not_found", Json.MAPPER.readTree(oauth.body()).get("error").asText());

        HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/login")).method("PUT", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, page.statusCode());
        assertEquals("GET, POST, HEAD", page.headers().firstValue("Allow").orElseThrow());
        JsonNode api = Json.MAPPER.readTree(page.body());
        assertEquals(Set.of("status_code", "type", "code", "message"), fields(api), "a wrong method on a page path: no route took it");
    }

    private static String contentType(HttpResponse<String> res) {
        return res.headers().firstValue("Content-Type").orElse("");
    }

    private static Document page(HttpResponse<String> res) {
        assertTrue(contentType(res).startsWith("text/html"), contentType(res));
        return Jsoup.parse(res.body());
    }

    private static Set<String> fields(JsonNode body) {
        Set<String> names = new HashSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

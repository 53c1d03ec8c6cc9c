package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The login and consent pages name the app a person signs in for, with the logo and the privacy
 * policy and terms links it registered (OIDC Registration §2), and nothing else about the request.
 */
class AppBrandingTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String REDIRECT = "https://rp.example/cb";
    private static final String STATE = "state-that-must-not-show";

    @ParameterizedTest
    @EnumSource(Db.class)
    void loginAndConsentPagesReachedFromAuthorizeShowTheRegisteredLogoAndPolicyLinks(Db db) throws Exception {
        try (TestServer server = TestServer.start(db)) {
            String clientId = register(server, """
                    {"client_name": "Branded <App>", "redirect_uris": ["%s"], "token_endpoint_auth_method": "none",
                     "logo_uri": "https://rp.example/logo.png", "policy_uri": "https://rp.example/privacy",
                     "tos_uri": "https://rp.example/terms"}""".formatted(REDIRECT));
            new Browser(server).signUp("Ada", "ada@example.com", PASSWORD);
            Browser browser = new Browser(server);
            Browser.Page toLogin = browser.get(authorize(clientId));
            assertEquals(303, toLogin.status(), toLogin.text());
            assertTrue(toLogin.location().startsWith("/login?return_to="), toLogin.location());

            Browser.Page login = browser.follow(toLogin);
            assertEquals(200, login.status());
            assertEquals("Log in to continue to Branded <App>", login.doc().selectFirst("h1").text());
            assertBranded(login.doc());
            assertFalse(login.response().body().contains(STATE), "nothing of the request but its app");
            assertFalse(login.response().body().contains(REDIRECT));

            Browser.Page consent = browser.follow(browser.submit(login, "form#login", Map.of("email", "ada@example.com",
                    "password", PASSWORD)));
            assertNotNull(consent.doc().selectFirst("form#consent"), consent.text());
            assertBranded(consent.doc());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void appWithoutLogoOrLinksShowsOnlyItsName(Db db) {
        try (TestServer server = TestServer.start(db)) {
            String clientId = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Plain", AuthMethod.NONE)
                    .withRedirectUris(List.of(new RedirectUri(REDIRECT))).withScopes(List.of("openid", "task:read"))).app().clientId();
            Browser browser = new Browser(server);
            Browser.Page login = browser.follow(browser.get(authorize(clientId)));
            assertEquals("Log in to continue to Plain", login.doc().selectFirst("h1").text());
            assertNull(login.doc().selectFirst("img.app-logo"));
            assertNull(login.doc().selectFirst(".app-links"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void bogusOrUnknownHandleShowsThePlainLoginPage(Db db) {
        try (TestServer server = TestServer.start(db)) {
            String unknown = Token.mint(TokenKind.AUTHORIZATION_REQUEST, new SecureRandom()).value();
            for (String handle : List.of("pc_req_bogus", unknown, "", "%00", "x".repeat(500))) {
                Browser.Page login = new Browser(server).get(loginFor(handle));
                assertEquals(200, login.status(), handle);
                assertEquals("Log in", login.doc().selectFirst("h1").text(), handle);
                assertNull(login.doc().selectFirst("img.app-logo"), handle);
                assertNull(login.doc().selectFirst(".app-links"), handle);
                assertNotNull(login.doc().selectFirst("form#login"), handle);
            }
        }
    }

    /** The login page reads the app without the binding cookie, and without claiming a request posted cross-site. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void anotherBrowserSeesOnlyTheAppAndDoesNotClaimTheRequest(Db db) throws Exception {
        try (TestServer server = TestServer.start(db)) {
            String clientId = register(server, """
                    {"client_name": "Posted", "redirect_uris": ["%s"], "token_endpoint_auth_method": "none",
                     "policy_uri": "https://rp.example/privacy"}""".formatted(REDIRECT));
            Browser owner = new Browser(server);
            String query = authorize(clientId).substring("/authorize?".length());
            Browser.Page posted = owner.postRaw("/authorize", query);
            assertEquals(303, posted.status(), posted.text());
            String handle = posted.location().substring(posted.location().indexOf("handle=") + "handle=".length());

            Browser.Page seen = new Browser(server).get(loginFor(handle));
            assertEquals("Log in to continue to Posted", seen.doc().selectFirst("h1").text());
            assertEquals("https://rp.example/privacy", seen.doc().selectFirst("a.app-policy").attr("href"));
            assertNull(seen.doc().selectFirst("a.app-tos"));
            assertFalse(seen.response().body().contains(STATE));
            assertFalse(seen.response().body().contains(REDIRECT));

            Browser.Page continued = owner.follow(posted);
            assertEquals(303, continued.status(), "the request is still the poster's: " + continued.text());
            assertTrue(continued.location().startsWith("/login?return_to="), continued.location());
        }
    }

    /** A logo shows only from the app's own origin: its home page, a redirect URI, or its metadata document. */
    @Test
    void logoIsTheAppsOwnOnlyWhenItsOriginIsOneOfTheApps() {
        var settings = AppSettings.defaults("Own", AuthMethod.NONE)
                .withRedirectUris(List.of(new RedirectUri("https://rp.example/cb"), new RedirectUri("http://127.0.0.1:3050/cb")))
                .withClientUrl(Optional.of("https://www.rp.example/"));
        var app = new App("https://meta.example/client.json", Optional.empty(), settings, true,
                Instant.EPOCH);
        for (String own : List.of("https://rp.example/logo.png", "https://RP.example:443/x/logo.png",
                "https://www.rp.example/logo.svg", "https://meta.example/logo.png")) {
            assertTrue(AppBranding.isOwnOrigin(app, own), own);
        }
        for (String foreign : List.of("https://cdn.rp.example/logo.png", "https://rp.example:8443/logo.png",
                "http://rp.example/logo.png", "https://127.0.0.1:3050/logo.png", "https://tracker.example/p.gif", "not a url")) {
            assertFalse(AppBranding.isOwnOrigin(app, foreign), foreign);
        }
    }

    private static void assertBranded(Document doc) {
        Element logo = doc.selectFirst("img.app-logo");
        assertNotNull(logo, doc.text());
        assertEquals("https://rp.example/logo.png", logo.attr("src"));
        assertEquals("Branded <App> logo", logo.attr("alt"));
        Element policy = doc.selectFirst("a.app-policy");
        assertEquals("https://rp.example/privacy", policy.attr("href"));
        assertEquals("noopener noreferrer", policy.attr("rel"));
        Element tos = doc.selectFirst("a.app-tos");
        assertEquals("https://rp.example/terms", tos.attr("href"));
        assertEquals("noopener noreferrer", tos.attr("rel"));
    }

    private static String authorize(String clientId) {
        return "/authorize?response_type=code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=" + STATE
                + "&code_challenge_method=S256&code_challenge=" + Pkce.s256("v".repeat(43));
    }

    private static String loginFor(String handle) {
        return "/login?return_to=" + URLEncoder.encode(AuthorizeEndpoint.CONTINUE + "?handle=" + handle, StandardCharsets.UTF_8);
    }

    static String register(TestServer server, String json) throws Exception {
        var res = server.send(HttpRequest.newBuilder(server.uri("/oauth2/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertEquals(201, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body()).get("client_id").asText();
    }
}

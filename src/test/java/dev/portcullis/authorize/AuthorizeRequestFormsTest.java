package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization request posted as a form (OIDC Core §3.1.2.1), answered in the response
 * modes a client may ask for (query, fragment, form_post), and bound to the browser that made it.
 */
class AuthorizeRequestFormsTest {
    private static final String CALLBACK = "https://client.example/cb";
    private TestServer server;
    private AppService.Created app;

    @BeforeEach
    void start() {
        server = TestServer.start(Db.SQLITE);
        app = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Client", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(CALLBACK))).withScopes(List.of("openid", "task:read")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postedRequestCompletesTheFlowAndTheCodeRedeems() {
        Browser browser = signedIn("ada@example.com");
        Browser.Page posted = browser.post("/oauth2/authorize", request(Map.of()));
        assertEquals(303, posted.status(), posted.text());
        assertTrue(posted.location().startsWith(AuthorizeEndpoint.CONTINUE + "?handle=pc_req_"), posted.location());
        URI answer = approve(browser, browser.follow(posted));
        assertTrue(answer.getRawQuery().contains("state=xyz"), answer.toString());
        String code = param(answer.getRawQuery(), "code");
        HttpResponse<String> token = new OAuthClient(server).token(OAuthClient.basic(app.app().clientId(), app.clientSecret().orElseThrow()),
                OAuthClient.params("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK));
        assertEquals(200, token.statusCode(), token.body());
    }

    @Test
    void aCrossSitePostIsClaimedByTheBrowserThatFollowsItAndItsOtherRequestsLiveOn() {
        Browser ada = signedIn("ada@example.com");
        Browser.Page tabOne = ada.get("/authorize?" + OAuthClient.form(request(Map.of("state", "tab-one"))));
        // A cross-site POST carries no SameSite=Lax cookie: sent here without any.
        HttpResponse<String> posted = server.post("/oauth2/authorize", "application/x-www-form-urlencoded",
                OAuthClient.form(request(Map.of("state", "posted"))));
        assertEquals(303, posted.statusCode(), posted.body());
        assertTrue(posted.headers().allValues("Set-Cookie").isEmpty(), "no binding that would replace the browser's own");
        String next = posted.headers().firstValue("Location").orElseThrow();

        URI second = approve(ada, ada.get(next));
        assertEquals("posted", param(second.getRawQuery(), "state"));
        URI first = approve(ada, tabOne);
        assertEquals("tab-one", param(first.getRawQuery(), "state"), "the other tab's request still answers");
        assertEquals(400, signedIn("mallory@example.com").get(next).status(), "claimed by the browser that followed it");
    }

    @Test
    void postedRequestWithAnotherContentTypeIsAnErrorPageNotARedirect() {
        HttpResponse<String> res = server.post("/authorize", "text/plain", OAuthClient.form(request(Map.of())));
        assertEquals(400, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Location").isEmpty());
        assertTrue(res.body().contains("x-www-form-urlencoded"), res.body());
    }

    @Test
    void postedRequestWithARepeatedParameterIsRefusedLikeAQuery() {
        Browser browser = signedIn("ada@example.com");
        String body = OAuthClient.form(request(Map.of())) + "&scope=openid";
        Browser.Page refused = browser.postRaw("/authorize", body);
        assertEquals(302, refused.status(), refused.text());
        assertTrue(refused.location().startsWith(CALLBACK + "?error=invalid_request"), refused.location());
    }

    @Test
    void formPostModeAnswersWithAPageThatPostsTheCodeToTheClient() {
        Browser browser = signedIn("ada@example.com");
        Browser.Page consent = browser.get("/authorize?" + OAuthClient.form(request(Map.of("response_mode", "form_post"))));
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(200, answer.status(), answer.text());
        Element form = answer.doc().selectFirst("form[method=post]");
        assertNotNull(form, answer.response().body());
        assertEquals(CALLBACK, form.attr("action"));
        assertFalse(form.selectFirst("input[name=code]").attr("value").isEmpty());
        assertEquals("xyz", form.selectFirst("input[name=state]").attr("value"));
        assertEquals(server.uri("").toString().replaceAll("/$", ""), form.selectFirst("input[name=iss]").attr("value"));
        String csp = answer.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'sha256-"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
    }

    @Test
    void formPostModeSendsErrorsTheSameWay() {
        Browser browser = signedIn("ada@example.com");
        Browser.Page answer = browser.get("/authorize?" + OAuthClient.form(request(Map.of("response_mode", "form_post",
                "scope", "openid no_such_scope"))));
        assertEquals(200, answer.status(), answer.text());
        Element form = answer.doc().selectFirst("form[method=post]");
        assertEquals(CALLBACK, form.attr("action"));
        assertEquals("invalid_scope", form.selectFirst("input[name=error]").attr("value"));
        assertEquals("xyz", form.selectFirst("input[name=state]").attr("value"));
    }

    @Test
    void fragmentModePutsTheCodeInTheFragment() {
        Browser browser = signedIn("ada@example.com");
        Browser.Page consent = browser.get("/authorize?" + OAuthClient.form(request(Map.of("response_mode", "fragment"))));
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(303, answer.status(), answer.text());
        assertTrue(answer.location().startsWith(CALLBACK + "#code="), answer.location());
    }

    @Test
    void unknownResponseModeIsRefusedInTheQuery() {
        Browser browser = signedIn("ada@example.com");
        Browser.Page answer = browser.get("/authorize?" + OAuthClient.form(request(Map.of("response_mode", "jwt"))));
        assertEquals(302, answer.status(), answer.text());
        assertTrue(answer.location().startsWith(CALLBACK + "?error=invalid_request"), answer.location());
    }

    @Test
    void tokenResponseTypesAreRefusedForAnAppThatDidNotOptIn() {
        Browser browser = signedIn("ada@example.com");
        Browser.Page answer = browser.get("/authorize?" + OAuthClient.form(request(Map.of("response_type", "token"))));
        assertEquals(302, answer.status(), answer.text());
        assertTrue(answer.location().startsWith(CALLBACK + "?error=unsupported_response_type"), answer.location());
    }

    @Test
    void aHandleOpensNothingInAnotherBrowserEvenASignedInOne() {
        Browser ada = signedIn("ada@example.com");
        Browser.Page consent = ada.get("/authorize?" + OAuthClient.form(request(Map.of())));
        String handle = consent.doc().selectFirst("form#consent input[name=handle]").attr("value");

        Browser mallory = signedIn("mallory@example.com");
        Browser.Page opened = mallory.get(AuthorizeEndpoint.CONTINUE + "?handle=" + handle);
        assertEquals(400, opened.status(), opened.text());
        assertTrue(opened.text().contains("expired or was already answered"), opened.text());
        Browser.Page own = mallory.get("/authorize?" + OAuthClient.form(request(Map.of())));
        Browser.Page stolen = mallory.submit(own, "form#consent", Map.of("decision", "approve", "handle", handle));
        assertEquals(400, stolen.status(), stolen.text());

        URI answer = approve(ada, consent);
        assertTrue(answer.getRawQuery().contains("code="), "the request still belongs to its own browser: " + answer);
    }

    private Browser signedIn(String email) {
        Browser browser = new Browser(server);
        browser.signUp(email.substring(0, email.indexOf('@')), email, "correct horse battery");
        return browser;
    }

    private Map<String, String> request(Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", app.app().clientId());
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "openid");
        params.put("state", "xyz");
        params.putAll(overrides);
        return params;
    }

    private static URI approve(Browser browser, Browser.Page consent) {
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(303, answer.status(), answer.text());
        return URI.create(answer.location());
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new AssertionError("no " + name + " in " + query);
    }
}

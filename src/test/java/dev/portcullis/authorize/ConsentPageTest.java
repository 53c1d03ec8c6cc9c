package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Role;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The consent page tells a person what they are about to do: who publishes the app and whether
 * anyone vouches for it, its links, who they are signed in as (and how to switch), the workspace
 * (and how to choose another), where they will be sent, and the access in plain words.
 */
class ConsentPageTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String REDIRECT = "https://rp.example/cb";
    private static final String STATE = "xyz-state";

    @ParameterizedTest
    @EnumSource(Db.class)
    void selfRegisteredAppIsMarkedUnverifiedWithItsLinksTheAccountTheRedirectHostAndGroupedScopes(Db db) throws Exception {
        try (TestServer server = TestServer.start(db)) {
            String clientId = AppBrandingTest.register(server, """
                    {"client_name": "Agent", "redirect_uris": ["%s"], "token_endpoint_auth_method": "none",
                     "grant_types": ["authorization_code", "refresh_token"],
                     "scope": "openid profile email offline_access task:read task:read-write note:read",
                     "logo_uri": "https://rp.example/logo.png", "client_uri": "https://rp.example/",
                     "policy_uri": "https://rp.example/privacy", "tos_uri": "https://rp.example/terms"}""".formatted(REDIRECT));
            Browser ada = new Browser(server);
            ada.signUp("Ada Lovelace", "ada@example.com", PASSWORD);
            Browser.Page consent = ada.get(authorize(clientId, "openid profile email offline_access task:read task:read-write note:read"));
            assertEquals(200, consent.status(), consent.text());
            Document doc = consent.doc();

            assertNotNull(doc.selectFirst(".badge-unverified"), doc.text());
            assertNull(doc.selectFirst(".badge-verified"));
            assertTrue(doc.selectFirst("p.warning").text().contains("registered itself"));
            assertTrue(doc.selectFirst(".consent-publisher").text().contains("an unverified developer"));
            assertEquals("https://rp.example/logo.png", doc.selectFirst("img.app-logo").attr("src"), "the app's own origin");
            assertLink(doc, "a.app-home", "https://rp.example/");
            assertLink(doc, "a.app-policy", "https://rp.example/privacy");
            assertLink(doc, "a.app-tos", "https://rp.example/terms");
            assertTrue(doc.selectFirst(".consent-account").text().contains("Ada Lovelace"));
            assertTrue(doc.selectFirst(".consent-account").text().contains("ada@example.com"));
            assertEquals("Not you? Switch account", doc.selectFirst("form#switch-account button").text());
            assertEquals("Your answer sends you to rp.example.", doc.selectFirst(".consent-redirect").text());
            assertNull(doc.selectFirst("a.change-workspace"), "one workspace: nothing to choose");

            assertEquals(List.of("Your profile", "Task", "Note", "Stay connected"), doc.select("ul.scopes .scope-heading").eachText());
            assertEquals("name and email", line(doc, "Your profile").selectFirst(".scope-access").text());
            Element task = line(doc, "Task");
            assertEquals("read and change", task.selectFirst(".scope-access").text(), "read and read-write fold into one line");
            assertEquals("See, create, change and delete tasks", task.selectFirst(".scope-detail").text(), "the catalogue's words");
            assertEquals(List.of("task:read", "task:read-write"), task.select("code").eachText());
            assertEquals("read only", line(doc, "Note").selectFirst(".scope-access").text());
            assertEquals("offline access", line(doc, "Stay connected").selectFirst(".scope-access").text());

            assertEquals("approve", doc.selectFirst("form#consent button:not(.secondary)").attr("value"));
            assertEquals("deny", doc.selectFirst("form#consent button.secondary").attr("value"), "Deny is the secondary action");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void developerCreatedAppNamesItsDeveloperWithoutWarningAndHidesALogoFromAnotherOrigin(Db db) {
        try (TestServer server = TestServer.start(db)) {
            Browser ada = new Browser(server);
            ada.signUp("Ada Lovelace", "ada@example.com", PASSWORD);
            String adaId = identity(server).findByEmail("ada@example.com").orElseThrow().id();
            var settings = AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                    .withRedirectUris(List.of(new RedirectUri(REDIRECT))).withScopes(List.of("openid", "task:read"))
                    .withClientUrl(Optional.of("https://taskr.example/"));
            settings = new AppSettings(settings.name(), "", Optional.of("https://tracker.example/pixel.png"), true,
                    settings.authMethod(), settings.grantTypes(), settings.scopes(), settings.redirectUris(),
                    settings.accessTokenFormat(), settings.accessTokenLifetime(), "RS256", false)
                    .withClientUrl(Optional.of("https://taskr.example/"));
            String clientId = server.portcullis().apps().create(Actor.system(), Optional.of(adaId), settings).app().clientId();

            Browser.Page consent = ada.get(authorize(clientId, "openid task:read"));
            assertEquals(200, consent.status(), consent.text());
            Document doc = consent.doc();
            assertNull(doc.selectFirst("p.warning"), doc.text());
            assertNull(doc.selectFirst(".badge-unverified"));
            assertNotNull(doc.selectFirst(".badge-verified"));
            assertEquals("Published by Ada Lovelace Registered here", doc.selectFirst(".consent-publisher").text());
            assertNull(doc.selectFirst("img.app-logo"), "a logo on a third party's origin would tell it who signs in");
            assertLink(doc, "a.app-home", "https://taskr.example/");
            assertNull(doc.selectFirst("a.app-policy"));
            assertEquals(List.of("Your profile", "Task"), doc.select("ul.scopes .scope-heading").eachText());

            Browser.Page login = new Browser(server).follow(new Browser(server).get(authorize(clientId, "openid")));
            assertNull(login.doc().selectFirst("img.app-logo"), "nor on the login page");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void switchAccountEndsTheSessionAndTheSameRequestContinuesForTheOtherPerson(Db db) {
        try (TestServer server = TestServer.start(db)) {
            String clientId = publicApp(server);
            new Browser(server).signUp("Bob Builder", "bob@example.com", PASSWORD);
            Browser browser = new Browser(server);
            browser.signUp("Ada Lovelace", "ada@example.com", PASSWORD);
            Browser.Page consent = browser.get(authorize(clientId, "openid task:read"));
            String handle = consent.doc().selectFirst("form#consent input[name=handle]").attr("value");

            Browser.Page forged = browser.post("/authorize/switch-account", Map.of("handle", handle, "csrf", "not-the-token"));
            assertEquals(403, forged.status(), forged.text());
            assertEquals(200, browser.get("/account").status(), "a forged switch logs nobody out");

            Browser.Page switched = browser.submit(consent, "form#switch-account", Map.of());
            assertEquals(303, switched.status(), switched.text());
            assertEquals("/login?return_to=" + URLEncoder.encode(AuthorizeEndpoint.CONTINUE + "?handle=" + handle,
                    StandardCharsets.UTF_8), switched.location());
            assertTrue(browser.get("/account").location().startsWith("/login"), "Ada is logged out");

            Browser.Page login = browser.follow(switched);
            assertEquals("Log in to continue to Docs", login.doc().selectFirst("h1").text(), "the request survived");
            Browser.Page back = browser.submit(login, "form#login", Map.of("email", "bob@example.com", "password", PASSWORD));
            Browser.Page bobsConsent = browser.follow(back);
            assertEquals(200, bobsConsent.status(), bobsConsent.text());
            assertTrue(bobsConsent.doc().selectFirst(".consent-account").text().contains("bob@example.com"));
            Browser.Page answered = browser.submit(bobsConsent, "form#consent", Map.of("decision", "approve"));
            assertEquals(303, answered.status(), answered.text());
            assertTrue(answered.location().startsWith(REDIRECT + "?code="), answered.location());
            assertTrue(answered.location().contains("state=" + STATE), answered.location());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void pickerShowsWorkspaceCardsWithSlugAndRoleAndConsentLeadsBackToIt(Db db) {
        try (TestServer server = TestServer.start(db)) {
            String clientId = publicApp(server);
            Browser ada = new Browser(server);
            ada.signUp("Ada Lovelace", "ada@example.com", PASSWORD);
            new Browser(server).signUp("Bob Builder", "bob@example.com", PASSWORD);
            IdentityService identity = identity(server);
            String bobId = identity.findByEmail("bob@example.com").orElseThrow().id();
            var shared = identity.createWorkspace(bobId, "Shared Space", "shared-space", null);
            identity.addMember(bobId, shared.id(), "ada@example.com", Role.MEMBER);

            Browser.Page picker = ada.get(authorize(clientId, "openid task:read"));
            assertEquals(200, picker.status(), picker.text());
            var cards = picker.doc().select("form#workspace-picker label.workspace-card");
            assertEquals(2, cards.size(), picker.text());
            Element card = cards.stream().filter(c -> c.selectFirst(".workspace-name").text().equals("Shared Space"))
                    .findFirst().orElseThrow();
            assertEquals("shared-space", card.selectFirst(".workspace-slug").text());
            assertEquals("member", card.selectFirst(".workspace-role").text());
            assertEquals(shared.id(), card.selectFirst("input[type=radio][name=workspace]").attr("value"), "the card is the radio's label");
            assertTrue(cards.stream().anyMatch(c -> c.selectFirst(".workspace-role").text().equals("admin")), "Ada's own workspace");

            Browser.Page consent = ada.submit(picker, "form#workspace-picker", Map.of("workspace", shared.id()));
            assertEquals(200, consent.status(), consent.text());
            assertTrue(consent.doc().selectFirst(".consent-workspace").text().contains("Shared Space"));
            Browser.Page again = ada.get(consent.doc().selectFirst("a.change-workspace").attr("href"));
            assertEquals(200, again.status(), again.text());
            assertNotNull(again.doc().selectFirst("form#workspace-picker"), "back to the picker, same request");
            assertEquals(shared.id(), again.doc().selectFirst("input[name=workspace][checked]").attr("value"),
                    "the workspace the consent page showed is preselected");
            String own = cards.stream().map(c -> c.selectFirst("input").attr("value")).filter(id -> !id.equals(shared.id()))
                    .findFirst().orElseThrow();
            Browser.Page other = ada.submit(again, "form#workspace-picker", Map.of("workspace", own));
            assertTrue(other.doc().selectFirst(".consent-workspace").text().contains("Ada Lovelace"), other.text());
        }
    }

    private static Element line(Document doc, String heading) {
        return doc.select("ul.scopes li").stream().filter(li -> li.selectFirst(".scope-heading").text().equals(heading))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + heading + " in " + doc.text()));
    }

    private static void assertLink(Document doc, String selector, String href) {
        Element link = doc.selectFirst(selector);
        assertNotNull(link, selector + " in " + doc.text());
        assertEquals(href, link.attr("href"));
        assertEquals("noopener noreferrer", link.attr("rel"));
    }

    private static IdentityService identity(TestServer server) {
        return server.portcullis().core().identity();
    }

    private static String publicApp(TestServer server) {
        return server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Docs", AuthMethod.NONE)
                .withRedirectUris(List.of(new RedirectUri(REDIRECT))).withScopes(List.of("openid", "task:read"))).app().clientId();
    }

    private static String authorize(String clientId, String scope) {
        return "/authorize?response_type=code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=" + STATE
                + "&code_challenge_method=S256&code_challenge=" + Pkce.s256("v".repeat(43));
    }
}

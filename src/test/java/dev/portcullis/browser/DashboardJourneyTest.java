package dev.portcullis.browser;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 7's developer journey in a real browser: create an app in the dashboard, add a redirect
 * URI, copy the secret shown once and use it, then create a workspace API key with two scopes and
 * call the API with it. Only Portcullis runs here; the JDK client plays the developer's scripts.
 */
@Tag("browser")
class DashboardJourneyTest {
    private static final String CALLBACK = "https://app.example.com/callback";
    private static final List<String> KEY_SCOPES = List.of("task:read", "object_configuration:read");

    static TestServer server;
    static OAuthClient http;
    static Chromium browser;
    static int developers;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        server = TestServer.start(Db.SQLITE);
        http = new OAuthClient(server);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    @BeforeEach
    void signedOut(TestInfo test) {
        browser.beginJourney(test.getTestMethod().orElseThrow().getName());
    }

    static Developer newDeveloper() {
        String email = "developer" + (++developers) + "-" + System.nanoTime() + "@example.com";
        Developer developer = new Developer(browser, server.uri("").toString(), email);
        developer.signUp("Dana Developer");
        return developer;
    }

    @Test
    void createAppThenCopiedSecretWorksOnceShownAndApiKeyCallsTheApi() {
        Developer dana = newDeveloper();
        Developer.CreatedApp app = dana.createConfidentialApp("Taskr");
        assertTrue(app.secret().startsWith("pc_secret_"), app.secret());
        assertEquals("Your client secret", browser.text("#secret-heading"));
        assertTrue(browser.text(".secret-once").contains("you won't see this again"), browser.text(".secret-once"));
        browser.find("button.copy").click(); // visible only when /assets/copy.js ran under the page's CSP
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> !d.findElement(By.cssSelector(".copy-status")).getText().isEmpty());
        assertEquals("Copied to the clipboard.", browser.text(".copy-status"));
        browser.screenshot("secret-copied");

        browser.driver().navigate().refresh();
        browser.find("[data-testid=client-id]");
        assertFalse(browser.has("[data-testid=client-secret]"), "a reload shows the secret no more");
        assertFalse(browser.driver().getPageSource().contains(app.secret()));
        assertTrue(server.portcullis().apps().verifySecret(app.clientId(), app.secret()), "the copied secret still works");

        dana.addRedirectUri(CALLBACK, "redirect-uri-added");
        assertEquals(List.of(CALLBACK), listedRedirectUris());
        dana.allow("client_credentials", List.of("task:read"));

        HttpResponse<String> token = http.token(basic(app.clientId(), app.secret()),
                params("grant_type", "client_credentials", "scope", "task:read"));
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("task:read", json(token).path("scope").asText());
        JsonNode self = json(http.getWithBearer("/v2/self", json(token).path("access_token").asText()));
        assertTrue(self.path("active").asBoolean(), self.toString());
        assertEquals(app.clientId(), self.path("client_id").asText());
        HttpResponse<String> wrong = http.token(basic(app.clientId(), app.secret() + "x"),
                params("grant_type", "client_credentials"));
        assertEquals(401, wrong.statusCode(), wrong.body());

        dana.openApp(app.clientId());
        browser.screenshot("app-reloaded");
        assertFalse(browser.has("[data-testid=client-secret]"), "the secret is shown only once");
        assertFalse(browser.driver().getPageSource().contains(app.secret()), "nor anywhere else on the page");
        assertTrue(browser.text("table.secrets").contains(app.secret().substring(app.secret().length() - 4)),
                "the live secret is listed by its last characters: " + browser.text("table.secrets"));

        browser.open(server.uri("/dashboard").toString());
        assertEquals(1, browser.driver().findElements(By.cssSelector("tr[data-client-id]")).size(), "reloading made no second app");

        String keysPage = dana.openWorkspaceApiKeys();
        assertTrue(keysPage.matches(".*/workspaces/[^/]+/api-keys"), keysPage);
        String key = dana.createApiKey("Nightly export", KEY_SCOPES);
        assertTrue(key.startsWith("sk_"), key);
        String row = browser.text("table.api-keys tbody tr");
        assertTrue(row.contains("Nightly export") && row.contains("task:read") && row.contains("object_configuration:read"), row);
        assertTrue(row.contains("…" + key.substring(key.length() - 4)), "the hint is the key's true last four: " + row);
        browser.driver().navigate().refresh();
        browser.find("form#create-api-key");
        assertFalse(browser.has("[data-testid=api-key]"), "a reload shows the key no more");
        assertEquals(1, browser.driver().findElements(By.cssSelector("table.api-keys tbody tr")).size(), "and creates no second key");

        JsonNode keySelf = json(http.getWithBearer("/v2/self", key));
        assertTrue(keySelf.path("active").asBoolean(), keySelf.toString());
        assertEquals(Set.copyOf(KEY_SCOPES), Set.of(keySelf.path("scope").asText().split(" ")));
        assertEquals("api_key", keySelf.path("token_type").asText());
        assertTrue(keysPage.endsWith("/workspaces/" + keySelf.path("workspace_slug").asText() + "/api-keys"), keysPage);
        HttpResponse<String> objects = http.getWithBearer("/v2/objects", key);
        assertEquals(200, objects.statusCode(), objects.body());
        assertTrue(json(objects).path("data").isArray(), objects.body());
    }

    @Test
    void addRedirectUriWhenHttpOnForeignHostThenRefusalShownNextToField() {
        Developer eve = newDeveloper();
        Developer.CreatedApp app = eve.createConfidentialApp("Lookalike");

        eve.addRedirectUri("http://evil.example/cb", "redirect-uri-refused");

        assertEquals("Redirect URI must use https (http only for localhost, 127.0.0.1 or [::1])",
                browser.text("#redirect_uri-error"));
        assertEquals("true", browser.find("#redirect_uri").getAttribute("aria-invalid"));
        assertTrue(browser.find("#redirect_uri").getAttribute("aria-describedby").contains("redirect_uri-error"));
        assertEquals("http://evil.example/cb", browser.find("#redirect_uri").getAttribute("value"), "kept as typed");
        assertEquals(List.of(), listedRedirectUris());
        assertEquals(List.of(), server.portcullis().apps().find(app.clientId()).orElseThrow().redirectUris());
    }

    private static List<String> listedRedirectUris() {
        return browser.driver().findElements(By.cssSelector("ul.redirect-uris li code"))
                .stream().map(WebElement::getText).toList();
    }
}

package dev.portcullis.browser;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A developer at the Portcullis dashboard, acting only through its pages: forms filled, boxes
 * ticked, buttons clicked, a screenshot after each step. Secrets are read where the page shows them.
 */
final class Developer {
    /** What the app page shows once, right after creating the app. */
    record CreatedApp(String clientId, String secret) {}

    private final Chromium browser;
    private final String portcullis;
    private final String email;

    /** {@code portcullis} is the server's base URL, e.g. {@code http://127.0.0.1:8080}. */
    Developer(Chromium browser, String portcullis, String email) {
        this.browser = browser;
        this.portcullis = portcullis;
        this.email = email;
    }

    void signUp(String name) {
        browser.open(portcullis + "/signup");
        browser.fill("form#signup", Map.of("name", name, "email", email, "password", Stage.PASSWORD));
        browser.screenshot("signup");
        browser.clickAndWait("form#signup button[type=submit]");
    }

    /** Creates a confidential app from the dashboard's form; the page it redirects to shows the secret, once. */
    CreatedApp createConfidentialApp(String name) {
        browser.open(portcullis + "/dashboard");
        browser.find("form#create-app");
        browser.screenshot("dashboard");
        browser.fill("form#create-app", Map.of("name", name, "description", "Tasks for teams"));
        new Select(browser.find("form#create-app select[name=token_endpoint_auth_method]")).selectByValue("client_secret_basic");
        browser.clickAndWait("form#create-app button[type=submit]");
        String clientId = browser.text("[data-testid=client-id]");
        String secret = browser.text("[data-testid=client-secret]");
        browser.screenshot("app-created");
        return new CreatedApp(clientId, secret);
    }

    void openApp(String clientId) {
        browser.open(portcullis + "/dashboard/apps/" + clientId);
        browser.find("[data-testid=client-id]");
    }

    /** Types {@code uri} into the add-redirect-URI form of the open app page and submits it. */
    void addRedirectUri(String uri, String shot) {
        browser.fill("form#add-redirect-uri", Map.of("redirect_uri", uri));
        browser.clickAndWait("form#add-redirect-uri button[type=submit]");
        browser.scrollTo("form#add-redirect-uri");
        browser.screenshot(shot);
    }

    /** Ticks {@code grant} and each of {@code scopes} in the open app's settings and saves them. */
    void allow(String grant, List<String> scopes) {
        tick("form#app-settings input[name='grant." + grant + "']");
        for (String scope : scopes) tick("form#app-settings input[name='scope." + scope + "']");
        browser.clickAndWait("form#app-settings button[type=submit]");
        browser.find("p.notice");
        browser.screenshot("settings-saved");
    }

    /** Follows the dashboard's link to the API keys of the workspace sign-up made; returns its page's URL. */
    String openWorkspaceApiKeys() {
        browser.open(portcullis + "/dashboard");
        browser.clickAndWait("section[aria-labelledby=keys-heading] a[href$='/api-keys']");
        browser.find("form#create-api-key");
        browser.screenshot("api-keys");
        return browser.url();
    }

    /** Creates a key on the open API-keys page; returns the {@code sk_} value the page shows once. */
    String createApiKey(String name, List<String> scopes) {
        browser.fill("form#create-api-key", Map.of("name", name));
        for (String scope : scopes) tick("form#create-api-key input[name='scope." + scope + "']");
        browser.screenshot("api-key-form");
        browser.clickAndWait("form#create-api-key button[type=submit]");
        String key = browser.text("[data-testid=api-key]");
        browser.screenshot("api-key-created");
        return key;
    }

    private void tick(String css) {
        WebElement box = browser.find(css);
        if (!box.isSelected()) box.click();
    }
}

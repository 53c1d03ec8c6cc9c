package dev.portcullis.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.web.Browser;
import java.net.URI;
import java.util.Map;

/**
 * Walks a real browser session through the authorization endpoint: login if asked, consent if
 * shown. Returns the final redirect to the client, without following it.
 */
public final class OAuthFlow {
    private final Browser browser;
    private final String email;
    private final String password;

    public OAuthFlow(Browser browser, String email, String password) {
        this.browser = browser;
        this.email = email;
        this.password = password;
    }

    /** Follows the flow to the client's redirect URI, approving or denying consent when asked. */
    public URI authorize(URI authorizeUrl, boolean approve) {
        Browser.Page page = browser.get(authorizeUrl.getRawPath() + "?" + authorizeUrl.getRawQuery());
        for (int steps = 0; steps < 10; steps++) {
            if (page.status() == 302 || page.status() == 303) {
                String location = page.location();
                if (!location.startsWith("/")) return URI.create(location);
                page = browser.get(location);
            } else if (page.doc().selectFirst("form#login") != null) {
                page = browser.submit(page, "form#login", Map.of("email", email, "password", password));
            } else if (page.doc().selectFirst("form#workspace-picker") != null) {
                String first = page.doc().selectFirst("input[name=workspace]").attr("value");
                page = browser.submit(page, "form#workspace-picker", Map.of("workspace", first));
            } else if (page.doc().selectFirst("button[name=decision]") != null) {
                page = browser.submit(page, "form#consent", Map.of("decision", approve ? "approve" : "deny"));
            } else {
                assertEquals(200, page.status(), "unexpected page: " + page.text());
                throw new AssertionError("stuck on page: " + page.text());
            }
        }
        throw new AssertionError("too many steps");
    }

    public Browser browser() {
        return browser;
    }
}

package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A native app's private-use redirect scheme (RFC 8252 §7.1): browsers hold the redirect after
 * the consent form to the page's CSP form-action, so the scheme must be allowed there.
 */
class NativeAppRedirectTest {

    @Test
    void consentPageAllowsTheAppsOwnSchemeAsAFormTargetAndOnlyThatOne() {
        try (TestServer server = TestServer.start(Db.SQLITE)) {
            AppService.Created app = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Native", AuthMethod.NONE)
                    .withRedirectUris(List.of(new RedirectUri("com.example.app:/oauth/cb"))).withScopes(List.of("task:read")));
            Browser browser = new Browser(server);
            browser.signUp("Ada", "ada@example.com", "correct horse battery");
            var consent = browser.get("/authorize?response_type=code&client_id=" + app.app().clientId()
                    + "&redirect_uri=com.example.app:/oauth/cb&state=s&code_challenge_method=S256&code_challenge="
                    + Pkce.s256("v".repeat(43)));
            assertNotNull(consent.doc().selectFirst("form#consent"), consent.text());
            List<String> csp = consent.response().headers().allValues("Content-Security-Policy");
            assertEquals(1, csp.size(), csp.toString());
            assertTrue(csp.getFirst().contains("form-action 'self' http: https: com.example.app:;"), csp.getFirst());
            var answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
            assertTrue(answer.location().startsWith("com.example.app:/oauth/cb?code="), answer.location());
            assertTrue(browser.get("/account").response().headers().firstValue("Content-Security-Policy").orElseThrow()
                    .contains("form-action 'self' http: https:;"), "other pages keep the strict policy");
        }
    }
}

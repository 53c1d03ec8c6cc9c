package dev.portcullis.web.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sign-up page's hint, from the same estimator as the rule; the page itself works without it. */
class PasswordStrengthEndpointTest {

    @Test
    void hintAgreesWithTheRuleAndSaysWhy() throws Exception {
        try (var server = TestServer.start(Db.SQLITE)) {
            JsonNode weak = estimate(server, "password", "");
            assertEquals(0, weak.get("score").asInt());
            assertFalse(weak.get("acceptable").asBoolean());
            assertEquals("Too easy to guess. This is a top-10 common password. Add another word or two. Uncommon words are better.",
                    weak.get("message").asText());

            assertEquals("At least 8 characters.", estimate(server, "short", "").get("message").asText());

            JsonNode strong = estimate(server, "violet kettle marmalade", "");
            assertTrue(strong.get("acceptable").asBoolean(), strong.toString());
            assertTrue(strong.get("score").asInt() >= 3);

            // The email counts against the password, as at sign-up.
            assertTrue(estimate(server, "adalovelace1815", "").get("acceptable").asBoolean());
            assertFalse(estimate(server, "adalovelace1815", "ada.lovelace1815@example.com").get("acceptable").asBoolean());
        }
    }

    @Test
    void signUpPageCarriesTheHintAndItsScriptAndTheRuleInWords() {
        try (var server = TestServer.start(Db.SQLITE)) {
            var page = new Browser(server).get("/signup");
            assertNotNull(page.doc().selectFirst("#password-strength[aria-live=polite]"));
            assertNotNull(page.doc().selectFirst("script[src=/assets/signin.js]"));
            assertTrue(page.doc().selectFirst("#password-hint").text().contains("hard to guess"));
            assertEquals("password-hint password-strength", page.doc().selectFirst("input[name=password]").attr("aria-describedby"));
        }
    }

    private static JsonNode estimate(TestServer server, String password, String email) throws Exception {
        String body = "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        var res = server.post(PasswordStrengthEndpoint.PATH, "application/x-www-form-urlencoded", body);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElseThrow());
        return Json.MAPPER.readTree(res.body());
    }
}

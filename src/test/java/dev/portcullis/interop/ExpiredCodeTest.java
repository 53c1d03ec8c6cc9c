package dev.portcullis.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A code is good for 60 seconds (RFC 6749 §4.1.2 recommends at most ten minutes; Portcullis's default is 60 s, PORTCULLIS_CODE_TTL_SECONDS). */
class ExpiredCodeTest {
    @Test
    void codeOlderThanSixtySecondsThenInvalidGrant() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestServer server = TestServer.start(Db.SQLITE, clock)) {
            var created = server.portcullis().apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Slow", AuthMethod.CLIENT_SECRET_BASIC)
                    .withRedirectUris(List.of(new RedirectUri("http://127.0.0.1/cb"))).withScopes(List.of("task:read")));
            Browser browser = new Browser(server);
            browser.signUp("Slow Poke", "slow@example.com", "correct horse battery");
            String verifier = "a".repeat(43);
            URI url = server.uri("/authorize?response_type=code&client_id=" + created.app().clientId()
                    + "&redirect_uri=http://127.0.0.1/cb&state=s&code_challenge_method=S256&code_challenge=" + Pkce.s256(verifier));
            URI redirect = new OAuthFlow(browser, "slow@example.com", "correct horse battery").authorize(url, true);
            String code = redirect.getQuery().replaceAll(".*code=([^&]+).*", "$1");
            clock.advance(Duration.ofSeconds(61));
            var res = new OAuthClient(server).token(OAuthClient.basic(created.app().clientId(), created.clientSecret().orElseThrow()),
                    OAuthClient.params("grant_type", "authorization_code", "code", code, "redirect_uri", "http://127.0.0.1/cb",
                            "code_verifier", verifier));
            assertEquals(400, res.statusCode());
            JsonNode body = Json.MAPPER.readTree(res.body());
            assertEquals("invalid_grant", body.get("error").asText());
            assertTrue(body.get("error_description").asText().contains("expired"));
        }
    }
}

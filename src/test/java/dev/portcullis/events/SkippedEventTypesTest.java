package dev.portcullis.events;

import static dev.portcullis.events.OAuthEventFixtures.about;
import static dev.portcullis.events.OAuthEventFixtures.by;
import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PORTCULLIS_EVENTS_SKIPPED: a skipped type is neither stored nor queued; every other type still is. */
class SkippedEventTypesTest {

    static Config skipping(String... types) {
        Config config = TestServer.configFor(TestDatabases.fresh(Db.SQLITE));
        Config.Events events = config.events();
        return config.withEvents(new Config.Events(events.retention(), events.webhooksAllowPrivate(), events.webhookRetries(),
                events.webhookTimeout(), Set.of(types)));
    }

    @Test
    void skippedTokenIssuedIsNotStoredWhileTokenRevokedStillIs() {
        try (TestServer server = TestServer.start(skipping("token.issued"))) {
            var oauth = new OAuthClient(server);
            var client = new UserTokens(server.portcullis()).app("task:read");
            var issued = oauth.token(basic(client.id(), client.secret()), params("grant_type", "client_credentials"));
            assertEquals(200, issued.statusCode(), issued.body());
            String token = OAuthClient.json(issued).get("access_token").asText();

            assertEquals(List.of(), about(server.portcullis(), EventType.TOKEN_ISSUED, client.id()));
            assertEquals(List.of(), by(server.portcullis(), EventType.TOKEN_ISSUED, client.id()));
            var revoked = oauth.post("/oauth2/revoke", basic(client.id(), client.secret()), OAuthClient.form(params("token", token)));
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertEquals(1, by(server.portcullis(), EventType.TOKEN_REVOKED, client.id()).size());
        }
    }

    @Test
    void aNameThatIsNoEventTypeStopsTheStartAndNamesTheSetting() {
        Config misspelt = skipping("token.issued", "token.isued");
        String message = assertThrows(ConfigException.class, () -> Core.open(misspelt, Clock.systemUTC())).getMessage();
        assertTrue(message.contains("PORTCULLIS_EVENTS_SKIPPED") && message.contains("token.isued"), message);
    }

    @Test
    void theSettingIsACommaSeparatedListAndEmptyByDefault() {
        assertEquals(Set.of(), ConfigLoader.load(Map.of()).events().skippedTypes());
        assertEquals(Set.of("token.issued", "login.succeeded"),
                ConfigLoader.load(Map.of("PORTCULLIS_EVENTS_SKIPPED", " token.issued, ,login.succeeded ")).events().skippedTypes());
    }
}

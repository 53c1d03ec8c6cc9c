package dev.portcullis.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The app settings form edits the links the consent page shows: home page, privacy policy and terms, https only. */
class AppLinksFormTest {
    private static final String PASSWORD = "correct horse battery staple";

    @ParameterizedTest
    @EnumSource(Db.class)
    void linksAreSavedShownBackClearedAndMustBeHttps(Db db) {
        try (TestServer server = TestServer.start(db)) {
            Browser dev = new Browser(server);
            dev.signUp("Dev", "dev@example.com", PASSWORD);
            String devId = server.portcullis().core().identity().findByEmail("dev@example.com").orElseThrow().id();
            String clientId = server.portcullis().apps().create(Actor.system(), Optional.of(devId),
                    AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)).app().clientId();
            String page = "/dashboard/apps/" + clientId;

            dev.submit(dev.get(page), "form#app-settings", Map.of("client_uri", "https://taskr.example/",
                    "policy_uri", "https://taskr.example/privacy", "tos_uri", "https://taskr.example/terms"));
            AppSettings saved = settings(server, clientId);
            assertEquals(Optional.of("https://taskr.example/"), saved.clientUrl());
            assertEquals(Optional.of("https://taskr.example/privacy"), saved.policyUrl());
            assertEquals(Optional.of("https://taskr.example/terms"), saved.tosUrl());
            var shown = dev.get(page).doc();
            assertEquals("https://taskr.example/", shown.selectFirst("input#client_uri").attr("value"));
            assertEquals("https://taskr.example/privacy", shown.selectFirst("input#policy_uri").attr("value"));
            assertEquals("https://taskr.example/terms", shown.selectFirst("input#tos_uri").attr("value"));

            for (String field : List.of("client_uri", "policy_uri", "tos_uri")) {
                for (String bad : List.of("javascript:alert(1)", "data:text/html,hi", "http://taskr.example/")) {
                    Browser.Page refused = dev.submit(dev.get(page), "form#app-settings", Map.of(field, bad));
                    assertEquals(400, refused.status(), field + " " + bad);
                    assertTrue(refused.doc().selectFirst("#" + field + "-error").text().contains("https"), refused.text());
                    assertEquals(bad, refused.doc().selectFirst("input#" + field).attr("value"), "kept as typed");
                }
            }
            assertEquals(saved, settings(server, clientId), "nothing refused was saved");

            dev.submit(dev.get(page), "form#app-settings", Map.of("client_uri", "", "policy_uri", "", "tos_uri", ""));
            AppSettings cleared = settings(server, clientId);
            assertEquals(Optional.empty(), cleared.clientUrl());
            assertEquals(Optional.empty(), cleared.policyUrl());
            assertEquals(Optional.empty(), cleared.tosUrl());
        }
    }

    private static AppSettings settings(TestServer server, String clientId) {
        return server.portcullis().apps().find(clientId).orElseThrow().settings();
    }
}

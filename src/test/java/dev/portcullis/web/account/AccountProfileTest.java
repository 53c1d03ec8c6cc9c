package dev.portcullis.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.identity.User;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The profile form on /account through the real pages, on both databases. */
class AccountProfileTest {
    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @EnumSource(Db.class)
    void userEditsTheirProfileAndTheFormShowsTheStoredValues(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            var saved = ada.submit(ada.get("/account"), "form#profile-form", Map.of("name", "Ada Lovelace",
                    "preferred_username", "ada", "picture", "https://cdn.example/ada.png", "locale", "en-GB", "zoneinfo", "Europe/London"));
            assertEquals(303, saved.status(), saved.text());
            assertEquals("/account", saved.location());
            var page = ada.follow(saved);
            assertEquals("Ada Lovelace", page.doc().selectFirst("h1").text());
            assertEquals("ada", page.doc().selectFirst("#profile-username").attr("value"));
            assertEquals("Europe/London", page.doc().selectFirst("#profile-zone").attr("value"));
            User stored = user(server);
            assertEquals(Optional.of("https://cdn.example/ada.png"), stored.profile().picture());
            assertEquals(Optional.of("en-GB"), stored.profile().locale());

            var cleared = ada.submit(ada.follow(saved), "form#profile-form", Map.of("picture", ""));
            assertEquals(303, cleared.status());
            assertEquals(Optional.empty(), user(server).profile().picture());
            assertEquals(Optional.of("ada"), user(server).profile().preferredUsername());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void invalidValueShowsTheFormAgainWithTheMessageAndChangesNothing(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            User before = user(server);
            var refused = ada.submit(ada.get("/account"), "form#profile-form",
                    Map.of("preferred_username", "ada", "picture", "http://cdn.example/ada.png"));
            assertEquals(400, refused.status());
            assertEquals("Picture must be an https URL", refused.doc().selectFirst("#profile [role=alert]").text());
            assertEquals("http://cdn.example/ada.png", refused.doc().selectFirst("#profile-picture").attr("value"), "what was typed");
            assertEquals(before, user(server));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void profileChangeWithoutCsrfIsForbiddenAndChangesNothing(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            User before = user(server);
            assertEquals(403, ada.post("/account/profile", Map.of("name", "Mallory")).status());
            assertEquals(403, ada.post("/account/profile", Map.of("name", "Mallory", "csrf", "guess")).status());
            assertEquals(before, user(server));
            var anonymous = new Browser(server).post("/account/profile", Map.of("name", "Mallory"));
            assertEquals(303, anonymous.status(), "to the login page");
            assertEquals(before, user(server));
        }
    }

    private static User user(TestServer server) {
        return server.portcullis().core().identity().findByEmail("ada@example.com").orElseThrow();
    }
}

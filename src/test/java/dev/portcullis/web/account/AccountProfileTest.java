package dev.portcullis.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.identity.User;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.util.HashMap;
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
            assertTrue(saved.location().startsWith("/account?flash="), saved.location());
            assertTrue(saved.location().endsWith("#profile"), "back to the form that changed");
            var page = ada.follow(saved);
            assertEquals("Profile saved.", page.doc().selectFirst("#profile [data-testid=notice]").text());
            assertNull(ada.get(saved.location()).doc().selectFirst("[data-testid=notice]"), "shown once");
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
    void userSetsEveryStandardClaimAndUserInfoReleasesThemWithTheProfileScope(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada Lovelace", "ada@example.com", PASSWORD);
            Map<String, String> typed = new HashMap<>(Map.of("given_name", "Augusta Ada", "family_name", "King",
                    "middle_name", "Byron", "nickname", "Ada", "profile", "https://example.org/ada", "website", "https://ada.example",
                    "gender", "female", "birthdate", "1815-12-10"));
            typed.putAll(Map.of("preferred_username", "ada", "picture", "https://cdn.example/ada.png", "zoneinfo", "Europe/London",
                    "locale", "en-GB"));
            var saved = ada.submit(ada.get("/account"), "form#profile-form", typed);
            assertEquals(303, saved.status(), saved.text());
            var page = ada.follow(saved);
            assertEquals("Augusta Ada", page.doc().selectFirst("#profile-given").attr("value"));
            assertEquals("1815-12-10", page.doc().selectFirst("#profile-birthdate").attr("value"));
            assertEquals("https://ada.example", page.doc().selectFirst("#profile-website").attr("value"));
            assertEquals("https://example.org/ada", page.doc().selectFirst("#profile-page").attr("value"));
            for (var input : page.doc().select("#profile-form input:not([type=hidden])")) {
                assertEquals(1, page.doc().select("label[for=" + input.id() + "]").size(), "a label for " + input.attr("name"));
            }

            var tokens = new UserTokens(server.portcullis());
            var client = tokens.app("openid", "profile");
            User stored = user(server);
            var workspace = server.portcullis().core().identity().workspacesOf(stored.id()).getFirst();
            var member = new UserTokens.Member(stored, workspace.workspace(), workspace.membership().id());
            JsonNode claims = OAuthClient.json(server.send(HttpRequest.newBuilder(server.uri("/oauth2/userinfo"))
                    .header("Authorization", "Bearer " + tokens.issue(member, client, "openid", "profile").accessToken()).build()));
            typed.forEach((claim, value) -> assertEquals(value, claims.get(claim).asText(), claim));
            assertEquals("Ada Lovelace", claims.get("name").asText());
            assertTrue(claims.has("updated_at"));
            assertEquals(15, claims.size(), "sub, the 14 profile claims and nothing else: " + claims);

            var cleared = ada.submit(ada.follow(saved), "form#profile-form", Map.of("given_name", "", "family_name", "", "gender", ""));
            assertEquals(303, cleared.status());
            User after = user(server);
            assertEquals(Optional.empty(), after.profile().givenName());
            assertEquals(Optional.empty(), after.profile().gender());
            assertEquals(Optional.of("Byron"), after.profile().middleName());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void badBirthdateWebsiteOrNicknameShowsTheFormAgainWithTheMessageAndChangesNothing(Db db) {
        try (var server = TestServer.start(db)) {
            var ada = new Browser(server);
            ada.signUp("Ada", "ada@example.com", PASSWORD);
            User before = user(server);
            Map<String, String> messages = Map.of(
                    "birthdate", "Birthdate must be YYYY-MM-DD, 0000-MM-DD or YYYY",
                    "website", "Website must be an https URL",
                    "nickname", "Nickname contains control or text-direction characters");
            Map<String, String> values = Map.of("birthdate", "1815-02-30", "website", "http://ada.example", "nickname", "ada\u0007");
            messages.forEach((field, message) -> {
                var refused = ada.submit(ada.get("/account"), "form#profile-form", Map.of(field, values.get(field)));
                assertEquals(400, refused.status(), field);
                assertEquals(message, refused.doc().selectFirst("#profile [role=alert]").text());
                assertEquals(before, user(server), field);
            });
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

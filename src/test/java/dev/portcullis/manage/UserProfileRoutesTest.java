package dev.portcullis.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.Core;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.identity.User;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Users' profile claims through /manage/v1 and the import file, on both databases. */
class UserProfileRoutesTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void operatorCreatesAndPatchesAUsersProfileClaims(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            String operator = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            JsonNode ada = json(call(server, operator, "POST", "/users", """
                    {"email": "ada@example.com", "name": "Ada", "password": "correct horse", "preferred_username": "ada",
                     "locale": "en-GB", "zoneinfo": "Europe/London"}"""), 201);
            assertEquals("ada", ada.get("preferred_username").asText());
            assertEquals("en-GB", ada.get("locale").asText());
            assertFalse(ada.has("picture"), "unset claims are left out");
            String id = ada.get("id").asText();

            JsonNode patched = json(call(server, operator, "PATCH", "/users/" + id,
                    "{\"picture\": \"https://cdn.example/ada.png\", \"locale\": \"\"}"), 200);
            assertEquals("https://cdn.example/ada.png", patched.get("picture").asText());
            assertFalse(patched.has("locale"), "an empty string clears");
            assertEquals("ada", patched.get("preferred_username").asText(), "absent fields are kept");
            assertEquals("Ada", patched.get("name").asText());
            assertTrue(patched.get("updated_at").asText().compareTo(ada.get("updated_at").asText()) >= 0);
            assertEquals(patched, json(call(server, operator, "GET", "/users/" + id, null), 200));

            HttpResponse<String> bad = call(server, operator, "PATCH", "/users/" + id, "{\"zoneinfo\": \"Mars/Olympus\"}");
            assertEquals(400, bad.statusCode());
            assertEquals("zoneinfo", Json.MAPPER.readTree(bad.body()).get("field").asText());
            HttpResponse<String> unknown = call(server, operator, "PATCH", "/users/" + id, "{\"shoe_size\": \"x\"}");
            assertEquals(400, unknown.statusCode());
            assertEquals("shoe_size", Json.MAPPER.readTree(unknown.body()).get("field").asText());
            assertEquals(404, call(server, operator, "PATCH", "/users/nobody", "{\"name\": \"X\"}").statusCode());
            assertEquals(401, call(server, "pc_op_forged", "PATCH", "/users/" + id, "{\"name\": \"Mallory\"}").statusCode());
            assertEquals(patched, json(call(server, operator, "GET", "/users/" + id, null), 200), "refused patches change nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void operatorSetsEveryStandardClaimOnCreateAndPatchAndBadOnesAreRefusedByField(Db db) throws Exception {
        try (var server = TestServer.start(db)) {
            String operator = server.portcullis().core().operators().create("tests", dev.portcullis.events.Actor.system()).secret();
            JsonNode ada = json(call(server, operator, "POST", "/users", """
                    {"email": "ada@example.com", "name": "Ada Lovelace", "password": "correct horse", "given_name": "Augusta Ada",
                     "family_name": "King", "middle_name": "Byron", "nickname": "Ada", "profile": "https://example.org/ada",
                     "website": "https://ada.example", "gender": "female", "birthdate": "1815-12-10"}"""), 201);
            assertEquals("Augusta Ada", ada.get("given_name").asText());
            assertEquals("King", ada.get("family_name").asText());
            assertEquals("Byron", ada.get("middle_name").asText());
            assertEquals("Ada", ada.get("nickname").asText());
            assertEquals("https://example.org/ada", ada.get("profile").asText());
            assertEquals("https://ada.example", ada.get("website").asText());
            assertEquals("female", ada.get("gender").asText());
            assertEquals("1815-12-10", ada.get("birthdate").asText());
            String id = ada.get("id").asText();

            JsonNode patched = json(call(server, operator, "PATCH", "/users/" + id,
                    "{\"birthdate\": \"0000-12-10\", \"gender\": \"\", \"nickname\": \"Enchantress of Numbers\"}"), 200);
            assertEquals("0000-12-10", patched.get("birthdate").asText());
            assertFalse(patched.has("gender"), "an empty string clears");
            assertEquals("Enchantress of Numbers", patched.get("nickname").asText());
            assertEquals("https://ada.example", patched.get("website").asText(), "absent fields are kept");

            String[][] refused = {{"birthdate", "\"1815-02-30\""}, {"birthdate", "\"10/12/1815\""}, {"website", "\"http://ada.example\""},
                {"profile", "\"ftp://example.org/ada\""}, {"nickname", "\"ada\\u0007\""}, {"given_name", "\"Ada\\u202E\""},
                {"gender", "5"}};
            for (String[] bad : refused) {
                HttpResponse<String> res = call(server, operator, "PATCH", "/users/" + id, "{\"" + bad[0] + "\": " + bad[1] + "}");
                assertEquals(400, res.statusCode(), res.body());
                assertEquals(bad[0], Json.MAPPER.readTree(res.body()).get("field").asText(), res.body());
            }
            HttpResponse<String> badCreate = call(server, operator, "POST", "/users", """
                    {"email": "eve@example.com", "name": "Eve", "password": "correct horse", "birthdate": "yesterday"}""");
            assertEquals(400, badCreate.statusCode());
            assertEquals("birthdate", Json.MAPPER.readTree(badCreate.body()).get("field").asText());
            assertEquals(404, call(server, operator, "GET", "/users?email=eve@example.com", null).statusCode(), "nobody created");
            assertEquals(patched, json(call(server, operator, "GET", "/users/" + id, null), 200), "refused patches change nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void importSetsProfileClaimsKeepsAbsentOnesOnASecondImportAndRefusesBadOnesByPath(Db db) {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            var setup = new SetupImport(core.database(), core.identity(), core.provisioning(), core.apps(), core.apiKeys(),
                    core.resources(), core.scopeCheck(), core.ids(), core.upstreamProviders(),
                    dev.portcullis.ExchangeWiring.of(core).setupImport(), core.events(), core.webhooks());
            setup.run("""
                    {"users": [{"email": "ada@example.com", "name": "Ada", "password": "correct horse battery",
                                "preferred_username": "ada", "picture": "https://cdn.example/ada.png", "zoneinfo": "Europe/London"}]}""");
            User first = core.identity().findByEmail("ada@example.com").orElseThrow();
            assertEquals(Optional.of("ada"), first.profile().preferredUsername());
            assertEquals(Optional.of("Europe/London"), first.profile().zoneinfo());

            setup.run("""
                    {"users": [{"email": "ada@example.com", "name": "Ada", "password": "correct horse battery", "locale": "fr",
                                "given_name": "Augusta Ada", "family_name": "King", "middle_name": "Byron", "nickname": "Ada",
                                "profile": "https://example.org/ada", "website": "https://ada.example", "gender": "female",
                                "birthdate": "1815"}]}""");
            User second = core.identity().findByEmail("ada@example.com").orElseThrow();
            assertEquals(Optional.of("fr"), second.profile().locale());
            assertEquals(first.profile().picture(), second.profile().picture(), "absent claims are kept");
            assertEquals(Optional.of("Augusta Ada"), second.profile().givenName());
            assertEquals(Optional.of("King"), second.profile().familyName());
            assertEquals(Optional.of("Byron"), second.profile().middleName());
            assertEquals(Optional.of("Ada"), second.profile().nickname());
            assertEquals(Optional.of("https://example.org/ada"), second.profile().profile());
            assertEquals(Optional.of("https://ada.example"), second.profile().website());
            assertEquals(Optional.of("female"), second.profile().gender());
            assertEquals(Optional.of("1815"), second.profile().birthdate());

            var refused = assertThrows(OAuthException.class, () -> setup.run("""
                    {"users": [{"email": "ada@example.com", "name": "Ada", "password": "correct horse battery",
                                "picture": "http://cdn.example/ada.png"}]}"""));
            assertEquals("$.users[0].picture", ((Failure.Validation) refused.error()).field());
            var badDate = assertThrows(OAuthException.class, () -> setup.run("""
                    {"users": [{"email": "ada@example.com", "name": "Ada", "password": "correct horse battery",
                                "birthdate": "1815-12-32"}]}"""));
            assertEquals("$.users[0].birthdate", ((Failure.Validation) badDate.error()).field());
            assertEquals(second, core.identity().findByEmail("ada@example.com").orElseThrow());
        }
    }

    private static HttpResponse<String> call(TestServer server, String operator, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1" + path)).header("Authorization", "Bearer " + operator)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        return server.send(b.build());
    }

    private static JsonNode json(HttpResponse<String> res, int status) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body());
    }
}

package dev.portcullis.identity;

import static dev.portcullis.identity.IdentityServiceTest.validationField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The profile claims a user sets (OIDC Core §5.1), on both databases: validated, stored, and updated_at kept current. */
class ProfileChangeTest {
    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @EnumSource(Db.class)
    void changeProfileStoresNormalisedClaimsAndMovesUpdatedAtOnlyWhenSomethingChanged(Db db) throws Exception {
        try (var f = new IdentityFixture(db)) {
            User ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD).user();
            assertEquals(ada.createdAt(), ada.profile().updatedAt());
            Thread.sleep(5);
            User changed = f.identity.changeProfile(ada.id(), change("name", " Ada Lovelace ", "preferred_username", " ada ",
                    "picture", "https://cdn.example/ada.png", "locale", "en-gb", "zoneinfo", "Europe/London"));
            assertEquals("Ada Lovelace", changed.name());
            assertEquals(Optional.of("ada"), changed.profile().preferredUsername());
            assertEquals(Optional.of("https://cdn.example/ada.png"), changed.profile().picture());
            assertEquals(Optional.of("en-GB"), changed.profile().locale(), "canonical BCP 47 form");
            assertEquals(Optional.of("Europe/London"), changed.profile().zoneinfo());
            assertTrue(changed.profile().updatedAt().isAfter(ada.createdAt()));
            assertEquals(changed, f.identity.findUser(ada.id()).orElseThrow(), "stored as returned");

            Thread.sleep(5);
            User same = f.identity.changeProfile(ada.id(), change("name", "Ada Lovelace", "locale", "en-GB"));
            assertEquals(changed.profile().updatedAt(), same.profile().updatedAt(), "no real change, no new updated_at");

            User cleared = f.identity.changeProfile(ada.id(), change("preferred_username", "", "locale", ""));
            assertEquals(Optional.empty(), cleared.profile().preferredUsername());
            assertEquals(Optional.empty(), cleared.profile().locale());
            assertEquals(Optional.of("Europe/London"), cleared.profile().zoneinfo(), "null keeps a field");
            assertTrue(cleared.profile().updatedAt().isAfter(changed.profile().updatedAt()));
            assertEquals(cleared, f.identity.findUser(ada.id()).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void changeProfileStoresEveryStandardClaimAndClearsEachOne(Db db) throws Exception {
        try (var f = new IdentityFixture(db)) {
            User ada = f.identity.signUp("Ada Lovelace", "ada@example.com", PASSWORD).user();
            Thread.sleep(5);
            User changed = f.identity.changeProfile(ada.id(), change("given_name", " Augusta Ada ", "family_name", "King",
                    "middle_name", "Byron", "nickname", "Ada", "profile", "https://example.org/ada", "website", "https://ada.example",
                    "gender", "female", "birthdate", "1815-12-10"));
            User.Profile p = changed.profile();
            assertEquals(Optional.of("Augusta Ada"), p.givenName());
            assertEquals(Optional.of("King"), p.familyName());
            assertEquals(Optional.of("Byron"), p.middleName());
            assertEquals(Optional.of("Ada"), p.nickname());
            assertEquals(Optional.of("https://example.org/ada"), p.profile());
            assertEquals(Optional.of("https://ada.example"), p.website());
            assertEquals(Optional.of("female"), p.gender());
            assertEquals(Optional.of("1815-12-10"), p.birthdate());
            assertTrue(p.updatedAt().isAfter(ada.createdAt()));
            assertEquals(changed, f.identity.findUser(ada.id()).orElseThrow(), "stored as returned");

            for (String birthdate : new String[] {"0000-12-10", "1815", "2000-02-29", "0000-02-29"}) {
                User.Profile q = f.identity.changeProfile(ada.id(), change("birthdate", birthdate)).profile();
                assertEquals(Optional.of(birthdate), q.birthdate(), "OIDC Core §5.1 allows " + birthdate);
            }

            Map<String, String> clearAll = new HashMap<>();
            for (String claim : User.Profile.CLAIMS) clearAll.put(claim, "");
            User cleared = f.identity.changeProfile(ada.id(), ProfileChange.from(clearAll::get));
            assertEquals(Map.of(), cleared.profile().claims(), "an empty value clears every claim");
            assertEquals("Ada Lovelace", cleared.name(), "the name is kept");
            assertEquals(cleared, f.identity.findUser(ada.id()).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void changeProfileRefusesBadValuesByFieldAndChangesNothing(Db db) {
        try (var f = new IdentityFixture(db)) {
            User ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD).user();
            String id = ada.id();
            String[][] refused = {
                {"picture", "http://cdn.example/ada.png"}, {"picture", "javascript:alert(1)"}, {"picture", "https://user:pw@cdn.example/a.png"},
                {"locale", "en_US"}, {"locale", "not a tag"}, {"zoneinfo", "Mars/Olympus"},
                {"preferred_username", "a".repeat(65)}, {"preferred_username", "admin\u202Egnp.exe"}, {"preferred_username", "ada\nroot"},
                {"name", " "},
                {"website", "http://ada.example"}, {"website", "ada.example"}, {"profile", "http://example.org/ada"},
                {"profile", "https://user:pw@example.org/ada"},
                {"nickname", "ada\u0000"}, {"nickname", "ada\nroot"}, {"nickname", "n".repeat(65)},
                {"given_name", "Ada\u202E"}, {"family_name", "f".repeat(101)}, {"middle_name", "B\tyron"},
                {"gender", "g".repeat(65)}, {"gender", "female\r\nX-Injected: 1"},
                {"birthdate", "1815-13-10"}, {"birthdate", "1815-02-30"}, {"birthdate", "0000"}, {"birthdate", "0000-02-30"},
                {"birthdate", "10-12-1815"}, {"birthdate", "1815-12-10T00:00:00Z"}, {"birthdate", "18151210"}, {"birthdate", "815"},
            };
            for (String[] bad : refused) {
                assertEquals(bad[0], validationField(() -> f.identity.changeProfile(id, change(bad[0], bad[1]))), bad[1]);
            }
            assertEquals(ada, f.identity.findUser(id).orElseThrow(), "nothing was written");
        }
    }

    /** A change of the named fields, the others kept. */
    static ProfileChange change(String... namesAndValues) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) fields.put(namesAndValues[i], namesAndValues[i + 1]);
        return ProfileChange.from(fields::get);
    }
}

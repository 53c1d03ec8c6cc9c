package dev.portcullis.identity;

import static dev.portcullis.identity.IdentityServiceTest.validationField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
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
            User changed = f.identity.changeProfile(ada.id(),
                    new ProfileChange(" Ada Lovelace ", " ada ", "https://cdn.example/ada.png", "en-gb", "Europe/London"));
            assertEquals("Ada Lovelace", changed.name());
            assertEquals(Optional.of("ada"), changed.profile().preferredUsername());
            assertEquals(Optional.of("https://cdn.example/ada.png"), changed.profile().picture());
            assertEquals(Optional.of("en-GB"), changed.profile().locale(), "canonical BCP 47 form");
            assertEquals(Optional.of("Europe/London"), changed.profile().zoneinfo());
            assertTrue(changed.profile().updatedAt().isAfter(ada.createdAt()));
            assertEquals(changed, f.identity.findUser(ada.id()).orElseThrow(), "stored as returned");

            Thread.sleep(5);
            User same = f.identity.changeProfile(ada.id(), new ProfileChange("Ada Lovelace", null, null, "en-GB", null));
            assertEquals(changed.profile().updatedAt(), same.profile().updatedAt(), "no real change, no new updated_at");

            User cleared = f.identity.changeProfile(ada.id(), new ProfileChange(null, "", null, "", null));
            assertEquals(Optional.empty(), cleared.profile().preferredUsername());
            assertEquals(Optional.empty(), cleared.profile().locale());
            assertEquals(Optional.of("Europe/London"), cleared.profile().zoneinfo(), "null keeps a field");
            assertTrue(cleared.profile().updatedAt().isAfter(changed.profile().updatedAt()));
            assertEquals(cleared, f.identity.findUser(ada.id()).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void changeProfileRefusesBadValuesByFieldAndChangesNothing(Db db) {
        try (var f = new IdentityFixture(db)) {
            User ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD).user();
            String id = ada.id();
            assertEquals("picture", validationField(() -> f.identity.changeProfile(id, picture("http://cdn.example/ada.png"))));
            assertEquals("picture", validationField(() -> f.identity.changeProfile(id, picture("javascript:alert(1)"))));
            assertEquals("picture", validationField(() -> f.identity.changeProfile(id, picture("https://user:pw@cdn.example/a.png"))));
            assertEquals("locale", validationField(() -> f.identity.changeProfile(id, new ProfileChange(null, null, null, "en_US", null))));
            assertEquals("locale", validationField(() -> f.identity.changeProfile(id, new ProfileChange(null, null, null, "not a tag", null))));
            assertEquals("zoneinfo", validationField(() -> f.identity.changeProfile(id, new ProfileChange(null, null, null, null, "Mars/Olympus"))));
            assertEquals("preferred_username", validationField(() -> f.identity.changeProfile(id, username("a".repeat(65)))));
            assertEquals("preferred_username", validationField(() -> f.identity.changeProfile(id, username("admin\u202Egnp.exe"))));
            assertEquals("preferred_username", validationField(() -> f.identity.changeProfile(id, username("ada\nroot"))));
            assertEquals("name", validationField(() -> f.identity.changeProfile(id, new ProfileChange(" ", null, null, null, null))));
            assertEquals(ada, f.identity.findUser(id).orElseThrow(), "nothing was written");
        }
    }

    private static ProfileChange picture(String url) {
        return new ProfileChange(null, null, url, null, null);
    }

    private static ProfileChange username(String name) {
        return new ProfileChange(null, name, null, null, null);
    }
}

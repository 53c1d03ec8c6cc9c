package dev.portcullis.userinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.identity.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which claims of a user UserInfo releases (OIDC Core §5.4, §5.5), without a server. */
class UserClaimsTest {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void claimsRequestReleasesSingleNewProfileClaimsWithoutTheProfileScopeButOnlyForAppsRegisteredForIt() throws Exception {
        User ada = withProfile(Map.of("birthdate", "0000-12-10", "website", "https://ada.example", "gender", "female"));
        String json = """
                {"userinfo": {"birthdate": null, "website": {"essential": true}, "middle_name": null}}""";
        Map<String, Object> claims = UserClaims.forUserInfo(ada, List.of("openid"), ClaimsRequest.parse(json, List.of("openid", "profile")));
        assertEquals(Map.of("sub", "u1", "birthdate", "0000-12-10", "website", "https://ada.example"), claims,
                "named and set: released; middle_name has no value and is left out; gender was not named");

        Map<String, Object> notRegistered = UserClaims.forUserInfo(ada, List.of("openid"), ClaimsRequest.parse(json, List.of("openid")));
        assertEquals(Map.of("sub", "u1"), notRegistered, "an app without profile among its scopes cannot ask for them");
    }

    @Test
    void storedGivenAndFamilyNamesReplaceTheDerivedOnesEachOnItsOwn() {
        Map<String, Object> derived = profileClaims(withProfile(Map.of()));
        assertEquals("Ada King", derived.get("given_name"));
        assertEquals("Lovelace", derived.get("family_name"));
        assertEquals(Map.of("sub", "u1", "name", "Ada King Lovelace", "given_name", "Ada King", "family_name", "Lovelace",
                "updated_at", CREATED.getEpochSecond()), derived, "a user who set nothing gets what they always got");

        Map<String, Object> given = profileClaims(withProfile(Map.of("given_name", "Augusta Ada")));
        assertEquals("Augusta Ada", given.get("given_name"));
        assertEquals("Lovelace", given.get("family_name"), "still derived");

        Map<String, Object> family = profileClaims(withProfile(Map.of("family_name", "King")));
        assertEquals("Ada King", family.get("given_name"), "still derived");
        assertEquals("King", family.get("family_name"));
    }

    @Test
    void claimsSupportedNamesEveryStandardProfileClaimInCoreOrder() {
        assertEquals(List.of("name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
                "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "email", "email_verified"),
                UserClaims.supported());
    }

    private static Map<String, Object> profileClaims(User user) {
        return UserClaims.forUserInfo(user, List.of("openid", "profile"), ClaimsRequest.NONE);
    }

    private static User withProfile(Map<String, String> set) {
        var profile = User.Profile.of(claim -> Optional.ofNullable(set.get(claim)), CREATED);
        return new User("u1", "ada@example.com", "Ada King Lovelace", true, CREATED, profile);
    }
}

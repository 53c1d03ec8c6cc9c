package dev.portcullis.userinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The claims request parameter (OIDC Core §5.5) and acr (§3.1.2.1, §5.5.1.1): pure logic. */
class ClaimsRequestTest {
    static final List<String> ALL = List.of("openid", "profile", "email");

    @Test
    void parseKeepsKnownClaimsWithEssentialAndValuesAndRoundTripsThroughStorage() throws Exception {
        ClaimsRequest parsed = ClaimsRequest.parse("""
                {"userinfo": {"name": {"essential": true}, "email": null, "shoe_size": null},
                 "id_token": {"acr": {"essential": true, "values": ["urn:a", "1"]}, "locale": {"value": "fr"}, "sub": {"value": "x"}},
                 "other": 1}""", ALL);
        assertEquals(List.of("name", "email"), List.copyOf(parsed.userinfo().keySet()), "unknown claims are dropped");
        assertTrue(parsed.userinfo().get("name").essential());
        assertEquals(new ClaimsRequest.Claim(true, List.of("urn:a", "1")), parsed.idToken().get("acr"));
        assertEquals(List.of("fr"), parsed.idToken().get("locale").values());
        assertFalse(parsed.idToken().containsKey("sub"), "sub is always there; asking for a value of it is ignored");
        assertEquals(parsed, ClaimsRequest.fromJson(parsed.toJson()));
        assertEquals(ClaimsRequest.NONE, ClaimsRequest.fromJson(null));
        assertEquals(null, ClaimsRequest.parse("{}", ALL).toJson(), "nothing asked, nothing stored");
    }

    @Test
    void parseDropsClaimsOfScopesTheAppIsNotRegisteredFor() throws Exception {
        ClaimsRequest parsed = ClaimsRequest.parse("{\"id_token\": {\"email\": null, \"name\": null, \"acr\": null}}", List.of("openid", "profile"));
        assertEquals(List.of("name", "acr"), List.copyOf(parsed.idToken().keySet()));
    }

    @Test
    void parseRefusesMalformedJsonAndMembersOfTheWrongType() {
        for (String bad : new String[] {"", "{", "null", "\"claims\"", "[]", "{\"userinfo\": 1}", "{\"id_token\": {\"email\": 1}}",
            "{\"id_token\": {\"email\": {\"essential\": 1}}}", "{\"id_token\": {\"acr\": {\"values\": \"1\"}}}",
            "{\"id_token\": {\"acr\": {\"values\": [[\"1\"]]}}}", "{\"id_token\": {\"acr\": {\"value\": {}}}}",
            "{\"userinfo\": {}, \"userinfo\": {}}"}) {
            ClaimsRequest.Malformed e = assertThrows(ClaimsRequest.Malformed.class, () -> ClaimsRequest.parse(bad, ALL), bad);
            assertTrue(e.getMessage().startsWith("claims"), e.getMessage());
        }
    }

    @Test
    void acrIsStatedOnlyWhenAskedAndIsTheFirstSatisfiedValueElseTheDefault() throws Exception {
        assertEquals(Optional.empty(), Acr.answer(List.of(), ClaimsRequest.NONE));
        assertEquals(Optional.of("1"), Acr.answer(List.of("urn:gold", "1"), ClaimsRequest.NONE));
        assertEquals(Optional.of("1"), Acr.answer(List.of("urn:gold"), ClaimsRequest.NONE));
        ClaimsRequest asked = ClaimsRequest.parse("{\"id_token\": {\"acr\": null}}", ALL);
        assertEquals(Optional.of("1"), Acr.answer(List.of(), asked));
        assertFalse(Acr.unsatisfiable(asked));
        assertFalse(Acr.unsatisfiable(ClaimsRequest.parse("{\"id_token\": {\"acr\": {\"values\": [\"urn:gold\"]}}}", ALL)),
                "voluntary: answered with the default");
        assertTrue(Acr.unsatisfiable(ClaimsRequest.parse("{\"id_token\": {\"acr\": {\"essential\": true, \"value\": \"urn:gold\"}}}", ALL)));
        assertFalse(Acr.unsatisfiable(ClaimsRequest.parse("{\"id_token\": {\"acr\": {\"essential\": true, \"values\": [\"urn:gold\", \"1\"]}}}", ALL)));
    }

    @Test
    void userClaimsReleaseScopeClaimsToUserInfoAndToIdTokensOnlyWithoutAnAccessToken() throws Exception {
        var ada = new dev.portcullis.identity.User("u1", "ada@example.com", "Ada Lovelace", true, java.time.Instant.ofEpochSecond(1000));
        assertEquals(Map.of(), UserClaims.forIdToken(ada, ALL, ClaimsRequest.NONE, true));
        assertEquals("Ada Lovelace", UserClaims.forIdToken(ada, ALL, ClaimsRequest.NONE, false).get("name"));
        assertEquals("ada@example.com", UserClaims.forIdToken(ada, ALL, ClaimsRequest.NONE, false).get("email"));
        ClaimsRequest email = ClaimsRequest.parse("{\"id_token\": {\"email\": null}}", ALL);
        assertEquals(Map.of("email", "ada@example.com"), UserClaims.forIdToken(ada, List.of("openid"), email, true));
        assertEquals(Map.of("sub", "u1"), UserClaims.forUserInfo(ada, List.of("openid"), email));
        assertEquals(1000L, UserClaims.forUserInfo(ada, List.of("openid", "profile"), ClaimsRequest.NONE).get("updated_at"));
    }
}

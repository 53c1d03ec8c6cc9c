package dev.portcullis.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    record Body(String name, List<String> scopes, Boolean enabled, Long seconds) {}

    @Test
    void snakeCaseFieldsReadIntoRecords() {
        AppFields app = JsonBody.read("{\"redirect_uris\": [\"https://a.example/cb\"], \"access_token_lifetime_seconds\": 60}",
                AppFields.class, "");
        assertEquals(List.of("https://a.example/cb"), app.redirectUris());
        assertEquals(60L, app.accessTokenLifetimeSeconds());
    }

    @Test
    void unknownFieldIsRefusedByItsPath() {
        assertEquals("surprise", fieldOf("{\"name\": \"x\", \"surprise\": 1}", ""));
        assertEquals("$.apps[1].redirect_uri", fieldOfSetup(
                "{\"apps\": [{\"name\": \"a\"}, {\"redirect_uri\": \"x\"}]}"));
    }

    @Test
    void wrongTypesAreRefusedNotCoerced() {
        assertEquals("name", fieldOf("{\"name\": 5}", ""));
        assertEquals("enabled", fieldOf("{\"enabled\": \"true\"}", ""));
        assertEquals("seconds", fieldOf("{\"seconds\": \"60\"}", ""));
        assertEquals("scopes", fieldOf("{\"scopes\": \"task:read\"}", ""));
        assertEquals("scopes[1]", fieldOf("{\"scopes\": [\"a\", 7]}", ""));
        assertEquals("$.name", fieldOf("{\"name\": {}}", "$"));
    }

    @Test
    void emptyOrBrokenBodiesAreValidationErrors() {
        assertEquals("body", fieldOf("", ""));
        assertEquals("body", fieldOf("{", ""));
        assertEquals("body", fieldOf("null", ""));
        assertEquals("body", fieldOf("[]", ""));
    }

    private static String fieldOf(String json, String root) {
        var e = assertThrows(OAuthException.class, () -> JsonBody.read(json, Body.class, root));
        return assertInstanceOf(Failure.Validation.class, e.error()).field();
    }

    private static String fieldOfSetup(String json) {
        var e = assertThrows(OAuthException.class, () -> JsonBody.read(json, SetupFile.class, "$"));
        return assertInstanceOf(Failure.Validation.class, e.error()).field();
    }
}

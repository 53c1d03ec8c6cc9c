package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    record Body(String name, List<String> scopes, Boolean enabled, Long seconds) {}
    record App(String name, List<String> redirectUris, Long accessTokenLifetimeSeconds) {}
    record Setup(List<App> apps) {}

    private static final Function<String, Failure> AS_FIELD = problem -> new Failure.Validation("body", problem);

    @Test
    void snakeCaseFieldsReadIntoRecords() {
        App app = parse("{\"redirect_uris\": [\"https://a.example/cb\"], \"access_token_lifetime_seconds\": 60}").as(App.class, "");
        assertEquals(List.of("https://a.example/cb"), app.redirectUris());
        assertEquals(60L, app.accessTokenLifetimeSeconds());
    }

    @Test
    void unknownFieldIsRefusedByItsPath() {
        assertEquals("surprise", fieldOf("{\"name\": \"x\", \"surprise\": 1}", ""));
        var e = assertThrows(OAuthException.class, () -> parse("{\"apps\": [{\"name\": \"a\"}, {\"redirect_uri\": \"x\"}]}")
                .as(Setup.class, "$"));
        assertEquals(new Failure.Validation("$.apps[1].redirect_uri", "unknown field"), e.error());
    }

    @Test
    void wrongTypesAreRefusedNotCoerced() {
        assertEquals("name", fieldOf("{\"name\": 5}", ""));
        assertEquals("enabled", fieldOf("{\"enabled\": \"true\"}", ""));
        assertEquals("seconds", fieldOf("{\"seconds\": \"60\"}", ""));
        assertEquals("seconds", fieldOf("{\"seconds\": 1.5}", ""));
        assertEquals("seconds", fieldOf("{\"seconds\": 123456789012345678901234567890}", ""));
        assertEquals("scopes", fieldOf("{\"scopes\": \"task:read\"}", ""));
        assertEquals("scopes[1]", fieldOf("{\"scopes\": [\"a\", 7]}", ""));
        assertEquals("$.name", fieldOf("{\"name\": {}}", "$"));
    }

    @Test
    void bodiesThatAreNoJsonObjectAreRefusedTheRoutesWay() {
        for (String text : List.of("", "{", "null", "[]", "\"text\"", "nul", "[".repeat(5000))) {
            var e = assertThrows(OAuthException.class, () -> parse(text));
            assertEquals("body", assertInstanceOf(Failure.Validation.class, e.error()).field(), text);
        }
        var metadata = assertThrows(OAuthException.class, () -> JsonBody.parse("[1, 2]", "Request body", OAuthError.InvalidClientMetadata::new));
        assertEquals(new OAuthError.InvalidClientMetadata("Request body must be a JSON object"), metadata.error());
        var setup = assertThrows(OAuthException.class, () -> JsonBody.parse("{", "The setup file", OAuthError.InvalidRequest::new));
        assertEquals(new OAuthError.InvalidRequest("The setup file is not valid JSON"), setup.error());
    }

    @Test
    void repeatedKeyIsRefusedAtAnyDepth() {
        for (String text : List.of("{\"name\": \"a\", \"name\": \"b\"}", "{\"apps\": [{\"name\": \"a\", \"name\": \"b\"}]}")) {
            var e = assertThrows(OAuthException.class, () -> parse(text));
            assertEquals(new Failure.Validation("body", "Request body is not valid JSON"), e.error(), text);
        }
    }

    @Test
    void dataWrapperIsOpenedOnlyWhenItIsTheWholeBody() {
        assertEquals("x", parse("{\"data\": {\"name\": \"x\"}}").unwrap("data").text("name", 10).orElseThrow());
        assertEquals(true, parse("{\"data\": {}, \"name\": \"x\"}").unwrap("data").has("name"));
        var e = assertThrows(OAuthException.class, () -> parse("{\"data\": 5}").unwrap("data"));
        assertEquals("data", assertInstanceOf(Failure.Validation.class, e.error()).field());
    }

    @Test
    void typedAccessorsNameTheField() {
        JsonBody body = parse("{\"name\": \"\", \"flag\": \"yes\", \"at\": \"tomorrow\", \"list\": {}, \"odd\\u0001\": 1}");
        for (Runnable read : List.<Runnable>of(() -> body.text("name", 5), () -> body.bool("flag"), () -> body.instantOrNull("at"),
                () -> body.list("list", 3, n -> n))) {
            assertInstanceOf(Failure.Validation.class, assertThrows(OAuthException.class, read::run).error());
        }
        var unknown = assertThrows(OAuthException.class, () -> body.allowOnly(java.util.Set.of("name", "flag", "at", "list")));
        assertEquals(new Failure.Validation("odd?", "Unknown field: odd?"), unknown.error());
    }

    private static JsonBody parse(String text) {
        return JsonBody.parse(text, "Request body", AS_FIELD);
    }

    private static String fieldOf(String json, String root) {
        var e = assertThrows(OAuthException.class, () -> parse(json).as(Body.class, root));
        return assertInstanceOf(Failure.Validation.class, e.error()).field();
    }
}

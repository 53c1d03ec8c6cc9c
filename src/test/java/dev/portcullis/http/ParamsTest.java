package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void formIsDecoded() {
        Params p = Params.form("grant_type=authorization_code&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=a+b");
        assertEquals("authorization_code", p.require("grant_type"));
        assertEquals("http://localhost/cb", p.require("redirect_uri"));
        assertEquals("a b", p.require("scope"));
    }

    @Test
    void jsonStringsAndNumbersAreRead() {
        Params p = Params.json("{\"grant_type\":\"client_credentials\",\"n\":5}");
        assertEquals("client_credentials", p.require("grant_type"));
        assertEquals("5", p.require("n"));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        assertInvalid(() -> Params.form("code=a&code=b"), "Parameter code is repeated");
        assertInvalid(() -> Params.json("{\"code\":\"a\",\"code\":\"b\"}"), "Request body is not valid JSON");
    }

    @Test
    void malformedBodiesAreInvalidRequest() {
        assertInvalid(() -> Params.json("{not json"), "Request body is not valid JSON");
        assertInvalid(() -> Params.json("[1,2]"), "Request body must be a JSON object");
        assertInvalid(() -> Params.json("{\"scope\":[\"a\"]}"), "Parameter scope must be a string");
        assertInvalid(() -> Params.form("a=%zz"), "Malformed form encoding");
    }

    @Test
    void missingRequiredParameterIsNamed() {
        assertInvalid(() -> Params.form("a=b").require("code"), "Missing parameter: code");
    }

    private static void assertInvalid(Runnable r, String message) {
        OAuthException e = assertThrows(OAuthException.class, r::run);
        assertEquals(new OAuthError.InvalidRequest(message), e.error());
    }
}

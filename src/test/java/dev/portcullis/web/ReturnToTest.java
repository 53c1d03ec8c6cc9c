package dev.portcullis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/account", "/authorize/resume?handle=abc", "/workspaces/acme#members", "/a/b?x=%2F%2Fevil.com"})
    void localPathsAreFollowed(String path) {
        assertEquals(path, ReturnTo.safe(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "///evil.com", "https://evil.com", "http:evil.com", "/\\evil.com", "\\\\evil.com",
            "javascript:alert(1)", "evil.com", "account", "/ok\r\nLocation: https://evil.com", "/a b", "/\tevil", ""})
    void anythingElseFallsBackToTheAccountPage(String candidate) {
        assertEquals("/account", ReturnTo.safe(candidate));
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongFallBack() {
        assertEquals("/account", ReturnTo.safe(null));
        assertEquals("/account", ReturnTo.safe("/" + "a".repeat(2048)));
    }
}
